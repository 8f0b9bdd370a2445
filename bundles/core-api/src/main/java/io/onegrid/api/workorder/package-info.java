/**
 * The work-order kernel: one closed loop (collect &rarr; triage and assign &rarr; handle &rarr; revisit &rarr;
 * evaluate) for every request, alarm and patrol finding, whatever channel it came through (双同一).
 *
 * <p>Channels and plugins submit through {@link io.onegrid.api.workorder.WorkOrderIntake}; everything else (reading,
 * the lifecycle commands, the trail) goes through {@link io.onegrid.api.workorder.WorkOrderService}. Every transition
 * is posted as an OSGi EventAdmin event on a topic of {@link io.onegrid.api.workorder.WorkOrderEvents}.
 */
@Export
@Version("1.6.0")
package io.onegrid.api.workorder;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
