/** The `public-write` function: the public-write API group in Lambda. */
import { publicWriteApp } from '../api/public-write-app.js';
import { httpHandler } from './http-handler.js';

export const handler = httpHandler(publicWriteApp);
