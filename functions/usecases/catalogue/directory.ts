/**
 * The catalogue as the pages read it: departments and services to name, pick from and
 * link to. Pages call these rather than the catalogue store, so what a page may read
 * of the catalogue (and how much of it) is said here once.
 */
import type { Department, Service } from '../../domain/catalogue.js';
import { canSeeDepartment, type Principal } from '../../domain/identity.js';
import type { Platform } from '../../platform.js';

/** A page's pick lists and links list every service; the catalogue holds a few hundred. */
const SERVICES_PER_PAGE = 1000;

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

/** One service with its limits, or undefined. */
export function serviceByCode(p: Platform, code: string) {
  return p.catalogue.getService(code);
}

/** One department, or undefined. */
export function departmentById(p: Platform, id: string): Promise<Department | undefined> {
  return p.catalogue.getDepartment(id);
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
