// Reported as telemetry.sdk.version, scope version and in the User-Agent. Keep in step with package.json.
export const OTLP_PACKAGE_VERSION = "0.1.0";
