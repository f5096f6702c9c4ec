/**
 * The catalogue as the pages and the public API read it: departments and services to
 * name, pick from and link to. Pages and routes call these rather than the catalogue
 * store, so what they may read of the catalogue (and how much of it) is said here once.
 */
import type { Department, Service } from '../../domain/catalogue.js';
import { canSeeDepartment, type Principal } from '../../domain/identity.js';
import type { Page } from '../../domain/ports.js';
import { notFound } from '../../domain/refusal.js';
import type { Platform } from '../../platform.js';

/** A page's pick lists and links list every service; the catalogue holds a few hundred. */
const SERVICES_PER_PAGE = 1000;
/** `GET /api/v1/departments/:id` lists a department's first 100 services, as it always has. */
const DEPARTMENT_SERVICES = 100;

/** Every department, in the catalogue's order. */
export function allDepartments(p: Platform): Promise<Department[]> {
  return p.catalogue.listDepartments();
}

/** Every service (of one department, when given). */
export async function allServices(p: Platform, departmentId?: string): Promise<Service[]> {
  const page = await p.catalogue.listServices({
    limit: SERVICES_PER_PAGE,
    ...(departmentId ? { departmentId } : {}),
  });
  return page.items;
}

/** Every department and every service, for forms that target either. */
export async function departmentsAndServices(
  p: Platform,
): Promise<{ departments: Department[]; services: Service[] }> {
  const [departments, services] = await Promise.all([allDepartments(p), allServices(p)]);
  return { departments, services };
}

/** One page of the services (of one department, when given), by code: `GET /api/v1/services`. */
export function servicesPage(
  p: Platform,
  q: { limit: number; cursor?: string | undefined; departmentId?: string | undefined },
): Promise<Page<Service>> {
  return p.catalogue.listServices(q);
}

/** One service with its limits, or undefined. */
export function serviceByCode(p: Platform, code: string) {
  return p.catalogue.getService(code);
}

/** One department, or undefined. */
export function departmentById(p: Platform, id: string): Promise<Department | undefined> {
  return p.catalogue.getDepartment(id);
}

/** A department with its services (404 when there is none): `GET /api/v1/departments/:id`. */
export async function departmentWithServices(
  p: Platform,
  id: string,
): Promise<{ department: Department; services: Service[] }> {
  const department = await departmentById(p, id);
  if (!department) throw notFound(`No department with id ${id}.`);
  const page = await p.catalogue.listServices({ limit: DEPARTMENT_SERVICES, departmentId: id });
  return { department, services: page.items };
}

/** The departments a staff member may see: all for the office and inspectors, else their own. */
export async function visibleDepartments(p: Platform, who: Principal): Promise<Department[]> {
  return (await allDepartments(p)).filter((d) => canSeeDepartment(who, d.id));
}

/** Department names by id and the districts they are in (sorted), for filters and tables. */
export async function departmentDirectory(
  p: Platform,
): Promise<{ names: Map<string, string>; districts: string[] }> {
  const departments = await allDepartments(p);
  return {
    names: new Map(departments.map((d) => [d.id, d.name])),
    districts: [...new Set(departments.map((d) => d.district).filter((d): d is string => !!d))].sort(),
  };
}
