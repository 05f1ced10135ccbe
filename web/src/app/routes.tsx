/** The app's routes: the wall now; leader review and grid planning come in later issues. */
import { createBrowserRouter } from 'react-router';
import { WallPage } from '../wall/WallPage.js';
import { Home, Placeholder } from './Home.js';

export function createRouter() {
  return createBrowserRouter([
    { path: '/', element: <Home /> },
    { path: '/wall', element: <WallPage /> },
    { path: '/review', element: <Placeholder title="review" /> },
    { path: '/plan', element: <Placeholder title="plan" /> },
    { path: '*', element: <Placeholder title="notFound" /> },
  ]);
}
