/** The `public-read` function: the public-read API group in Lambda. */
import { publicReadApp } from '../api/public-read-app.js';
import { httpHandler } from './http-handler.js';

export const handler = httpHandler(publicReadApp);
