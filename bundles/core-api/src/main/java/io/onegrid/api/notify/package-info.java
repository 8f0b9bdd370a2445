/**
 * Notifications to people: the kernel tells handlers and leaders about dispatches, reminders, overdue orders and
 * escalations. Every registered {@link io.onegrid.api.notify.Notifier} service receives every notification; the core
 * brings a log notifier and the in-console inbox, plugins add SMS or messaging gateways.
 */
@Export
@Version("1.0.0")
package io.onegrid.api.notify;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
