/**
 * In-container tests of a OneGrid plugin with Pax Exam: {@link io.onegrid.testkit.OneGridTestSupport} boots the
 * OneGrid distribution with the plugin under test ({@link io.onegrid.testkit.OneGridOptions}) and offers what an
 * integrator has — the REST API, the demo county's accounts and tokens ({@link io.onegrid.testkit.DemoUser},
 * {@link io.onegrid.testkit.DemoCounty}), an MQTT publisher ({@link io.onegrid.testkit.Mqtt}) and the OSGi services.
 */
@Export
@Version("1.0.0")
package io.onegrid.testkit;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
