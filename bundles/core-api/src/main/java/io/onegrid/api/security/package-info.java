/**
 * Who is calling and what they may see: the {@link io.onegrid.api.security.Caller}, its
 * {@link io.onegrid.api.security.DataScope}, and the checks every bundle applies through {@link
 * io.onegrid.api.security.Access}.
 */
@Export
@Version("1.0.0")
package io.onegrid.api.security;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
