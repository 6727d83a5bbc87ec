import type { Role } from '../../shared/contract';

export interface NavItem {
  path: string;
  label: string;
  access: Role;
  /** Alt+<key> jumps here: a digit, or a letter other than N and T (taken). */
  key: string;
}

export const NAV: NavItem[] = [
  { path: '/search', label: 'Search', access: 'agent', key: '1' },
  { path: '/deals', label: 'Deals', access: 'agent', key: '0' },
  { path: '/bookings', label: 'Bookings', access: 'agent', key: '2' },
  { path: '/customers', label: 'Customers', access: 'agent', key: '3' },
  { path: '/watches', label: 'Price watches', access: 'agent', key: 'W' },
  { path: '/inventory', label: 'Inventory', access: 'supervisor', key: '4' },
  { path: '/catalog', label: 'Catalogue', access: 'supervisor', key: 'C' },
  { path: '/logs', label: 'Logs', access: 'supervisor', key: 'L' },
  { path: '/reviews', label: 'Reviews', access: 'agent', key: '5' },
  { path: '/attention', label: 'Needs attention', access: 'agent', key: '6' },
  { path: '/operators', label: 'Operators', access: 'admin', key: '7' },
  { path: '/settings', label: 'Settings', access: 'agent', key: '8' },
  { path: '/analytics', label: 'Analytics', access: 'supervisor', key: '9' },
  { path: '/backoffice', label: 'Imports & exports', access: 'supervisor', key: 'I' },
];
