/** The app's routes: the screens, signing in, and the administrators' pages. */
import { createBrowserRouter } from 'react-router';
import { ReviewPage } from '../review/ReviewPage.js';
import { PlanPage } from '../plan/PlanPage.js';
import { WallPage } from '../wall/WallPage.js';
import { ImportPage } from '../imports/ImportPage.js';
import { ChangePasswordPage } from '../account/ChangePasswordPage.js';
import { SignInPage } from '../account/SignInPage.js';
import { AccountsPage } from '../admin/AccountsPage.js';
import { AuditPage } from '../admin/AuditPage.js';
import { Home, Placeholder } from './Home.js';

export function createRouter() {
  return createBrowserRouter([
    { path: '/', element: <Home /> },
    { path: '/wall', element: <WallPage /> },
    { path: '/review', element: <ReviewPage /> },
    { path: '/plan', element: <PlanPage /> },
    { path: '/admin/import', element: <ImportPage /> },
    { path: '/admin/accounts', element: <AccountsPage /> },
    { path: '/admin/audit', element: <AuditPage /> },
    { path: '/signin', element: <SignInPage /> },
    { path: '/account/password', element: <ChangePasswordPage /> },
    { path: '*', element: <Placeholder title="notFound" /> },
  ]);
}
