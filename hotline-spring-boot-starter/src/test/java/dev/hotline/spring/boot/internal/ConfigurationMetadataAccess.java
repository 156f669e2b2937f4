package dev.hotline.spring.boot.internal;

/** Test access to the metadata writer's package-private output. */
public final class ConfigurationMetadataAccess {
    private ConfigurationMetadataAccess() {}

    public static String json() {
        return ConfigurationMetadata.json();
    }
}
