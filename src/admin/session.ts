import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { AdminIdentity } from '../protocol';

/** The signed-in admin; the console hides what their role may not do (the server refuses it anyway). */
export const SessionContext = createContext<AdminIdentity | null>(null);

/** The signed-in admin (inside the signed-in part of the console). */
export function useAdmin(): AdminIdentity {
  const admin = useContext(SessionContext);
  if (!admin) throw new Error('useAdmin outside a session');
  return admin;
}

/** Whether the admin may change things at all (viewers may not). */
export const canWrite = (admin: AdminIdentity): boolean => admin.role !== 'viewer';
/** Whether the admin may create, rename and move orgs and sites. */
export const canManageOrgs = (admin: AdminIdentity): boolean => admin.role === 'admin' && admin.siteId === undefined;
