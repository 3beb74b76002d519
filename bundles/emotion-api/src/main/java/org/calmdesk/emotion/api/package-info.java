/**
 * Emotion analysis SPI. Any module may take an {@link org.calmdesk.emotion.api.EmotionAnalyzer}
 * as an optional, dynamic reference; the emotion module ships the default implementation and a
 * client bundle may register its own with a higher {@code service.ranking}.
 * {@link org.calmdesk.emotion.api.EmotionEvents} lists the topics the module posts.
 */
@Export
@Version("1.1.0")
package org.calmdesk.emotion.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
