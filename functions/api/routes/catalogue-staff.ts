/**
 * The efficiency office keeps the catalogue: departments, windows and service items
 * with effective-dated limits. Every write lands in the audit trail.
 */
import { Hono } from 'hono';
import { idSchema, parseWith } from '../../domain/schemas.js';
import { platform } from '../../platform.js';
import { importServices, saveDepartment, saveService, saveWindow } from '../../usecases/catalogue/edit.js';
import { type AuthEnv, principalOf, requireStaff } from '../auth.js';
import { jsonBody } from '../validation.js';
import { departmentBody, serviceBody, windowBody } from './catalogue-schemas.js';

export const catalogueStaffRoutes = new Hono<AuthEnv>()
  .put('/departments/:id', requireStaff('office'), async (c) => {
    const id = parseWith(idSchema, c.req.param('id'), 'department id');
    const body = await jsonBody(c, departmentBody);
    const { department, outcome } = await saveDepartment(platform(), principalOf(c), { id, ...body });
    return c.json(department, outcome === 'created' ? 201 : 200);
  })
  .put('/windows/:id', requireStaff('office'), async (c) => {
    const id = parseWith(idSchema, c.req.param('id'), 'window id');
    const body = await jsonBody(c, windowBody);
    const { window, outcome } = await saveWindow(platform(), principalOf(c), { id, ...body });
    return c.json(window, outcome === 'created' ? 201 : 200);
  })
  .post('/services:import', requireStaff('office'), async (c) => {
    const text = await c.req.text();
    const { results, counts } = await importServices(platform(), principalOf(c), text);
    return c.json({ results, counts });
  })
  .put('/services/:code', requireStaff('office'), async (c) => {
    const code = parseWith(idSchema, c.req.param('code'), 'service code');
    const body = await jsonBody(c, serviceBody);
    const { service, limits, outcome } = await saveService(platform(), principalOf(c), code, body);
    return c.json({ ...service, limits }, outcome === 'created' ? 201 : 200);
  });
