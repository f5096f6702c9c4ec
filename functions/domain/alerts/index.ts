/**
 * Staff alerts: who is told what, when reminders and escalations fall due, and the
 * words they are told in. Import from here.
 *
 * @module
 */

export * from './build.js';
export * from './message-id.js';
export * from './model.js';
export * from './quiet-hours.js';
export * from './recipients.js';
export * from './rules.js';
export * from './schedule.js';
export * from './short-link.js';
export * from './sms-templates.js';
export * from './templates.js';
