import { createBrowserRouter, type RouteObject } from 'react-router';
import { ErrorPage } from '../pages/errors/error-page';
import { NotFoundPage } from '../pages/errors/not-found-page';
import { RoutePage } from './route-page';
import { ROUTES } from './routes';
import { type RouteHandle, SessionGate } from './session-gate';

const pageRoute = (route: (typeof ROUTES)[number]): RouteObject => ({
  path: route.path,
  element: <RoutePage route={route} />,
  handle: { route },
  errorElement: <ErrorPage />,
});

const notFoundHandle: RouteHandle = { notFound: true };

/** Built from the one route table (routes.tsx): bare public pages, then the signed-in part, then 404. */
export const router = createBrowserRouter([
  {
    errorElement: <ErrorPage bare />,
    children: [
      ...ROUTES.filter((r) => r.bare).map(pageRoute),
      {
        element: <SessionGate />,
        children: [
          ...ROUTES.filter((r) => !r.bare).map(pageRoute),
          { path: '*', element: <NotFoundPage />, handle: notFoundHandle },
        ],
      },
    ],
  },
]);
