/**
 * Who a staff caller is, derived from the `cognito:groups` claim only: Cognito puts
 * group membership into access tokens, custom attributes it does not.
 */
export type Role = 'office' | 'inspector' | 'system' | 'department';

export interface Principal {
  subject: string;
  roles: ReadonlySet<Role>;
  /** Departments this caller acts for (`dept:<id>` groups). */
  departments: ReadonlySet<string>;
}

export function principalFromGroups(subject: string, groups: readonly string[]): Principal {
  const roles = new Set<Role>();
  const departments = new Set<string>();
  for (const g of groups) {
    if (g === 'office' || g === 'inspector' || g === 'system') roles.add(g);
    else if (g.startsWith('dept:') && g.length > 5) {
      roles.add('department');
      departments.add(g.slice(5));
    }
  }
  return { subject, roles, departments };
}

export function hasRole(p: Principal, ...roles: Role[]): boolean {
  return roles.some((r) => p.roles.has(r));
}

/** Office and inspectors see every department; department staff only their own. */
export function canSeeDepartment(p: Principal, departmentId: string): boolean {
  return p.roles.has('office') || p.roles.has('inspector') || p.departments.has(departmentId);
}

/** Who may write cases of a department: the office, upstream systems, its own staff. */
export function canWriteCasesOf(p: Principal, departmentId: string): boolean {
  return p.roles.has('office') || p.roles.has('system') || p.departments.has(departmentId);
}
