/**
 * Local tools run on this machine's Node 20 while Lambda runs Node 22; the pinned AWS
 * SDK's notice about future Node 22 requirements is noise here. Import this first.
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
