// Sent in the User-Agent. Keep in step with package.json.
export const LANGFUSE_PACKAGE_VERSION = "0.1.0";
