/** The app's routes: the wall now; leader review and grid planning come in later issues. */
import { createBrowserRouter } from 'react-router';
import { ReviewPage } from '../review/ReviewPage.js';
import { PlanPage } from '../plan/PlanPage.js';
import { WallPage } from '../wall/WallPage.js';
import { ImportPage } from '../imports/ImportPage.js';
import { Home, Placeholder } from './Home.js';

export function createRouter() {
  return createBrowserRouter([
    { path: '/', element: <Home /> },
    { path: '/wall', element: <WallPage /> },
    { path: '/review', element: <ReviewPage /> },
    { path: '/plan', element: <PlanPage /> },
    { path: '/admin/import', element: <ImportPage /> },
    { path: '*', element: <Placeholder title="notFound" /> },
  ]);
}
