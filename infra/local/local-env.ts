/**
 * Environment defaults for the local runtime and tools, set before anything else is
 * imported (Powertools reads its log level when its logger is created):
 * - the pinned AWS SDK's notice about its future Node 22 requirement is noise here
 *   (Lambda runs Node 22; this machine runs Node 20);
 * - the terminal of `npm start` shows warnings and errors as JSON lines, not one line
 *   per request (set POWERTOOLS_LOG_LEVEL=INFO and WOODPECKER_ACCESS_LOG=on for those).
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
process.env.WOODPECKER_ACCESS_LOG ??= 'off';
