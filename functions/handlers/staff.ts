/** The `staff` function: the staff API group in Lambda. */
import { staffApp } from '../api/staff-app.js';
import { httpHandler } from './http-handler.js';

export const handler = httpHandler(staffApp);
