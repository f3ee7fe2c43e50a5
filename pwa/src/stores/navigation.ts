import { type Accessor, createSignal, onCleanup } from "solid-js";

/** The panel's pages; alert screens are not pages, they cover pages while a fault lasts. */
export const ROUTES = ["home", "settings", "registration", "consent", "contact", "service"] as const;
export type Route = (typeof ROUTES)[number];

export interface Navigation {
  readonly route: Accessor<Route>;
  go(route: Route): void;
}

function routeFromHash(hash: string): Route {
  const name = hash.replace(/^#\/?/, "");
  return (ROUTES as readonly string[]).includes(name) ? (name as Route) : "home";
}

/**
 * The current page as a signal, kept in the location hash so a reload (the panel reloads itself on
 * updates) returns to the same page. Works without a window, for tests and non-browser hosts.
 */
export function createNavigation(initial: Route = "home"): Navigation {
  const hasWindow = typeof window !== "undefined";
  const [route, setRoute] = createSignal<Route>(hasWindow ? routeFromHash(window.location.hash) : initial);
  if (hasWindow) {
    const onHashChange = () => setRoute(routeFromHash(window.location.hash));
    window.addEventListener("hashchange", onHashChange);
    onCleanup(() => window.removeEventListener("hashchange", onHashChange));
  }
  return {
    route,
    go(next) {
      setRoute(next);
      if (hasWindow && routeFromHash(window.location.hash) !== next) window.location.hash = `#/${next}`;
    },
  };
}
