import { lazy, Match, Suspense, Switch } from "solid-js";
import type { Service } from "../../../shared/schemas.ts";
import type { FaultSource } from "../stores/faultSource.ts";
import { usePanel } from "../stores/panelContext.ts";
import { HomeScreen } from "./screens/HomeScreen.tsx";

// Rarely used pages load on demand to keep the first load small; all are precached for offline use.
const SettingsScreen = lazy(() =>
  import("./screens/SettingsScreen.tsx").then((m) => ({ default: m.SettingsScreen })),
);
const RegistrationScreen = lazy(() =>
  import("./screens/RegistrationScreen.tsx").then((m) => ({ default: m.RegistrationScreen })),
);
const ConsentScreen = lazy(() =>
  import("./screens/ConsentScreen.tsx").then((m) => ({ default: m.ConsentScreen })),
);
const ContactSettingsScreen = lazy(() =>
  import("./screens/ContactSettingsScreen.tsx").then((m) => ({ default: m.ContactSettingsScreen })),
);
const ServiceModeScreen = lazy(() =>
  import("./screens/ServiceModeScreen.tsx").then((m) => ({ default: m.ServiceModeScreen })),
);

/** The page the navigation points at, when no alert screen covers it. */
export function Pages(props: {
  faultSource: FaultSource;
  draft: readonly Service[];
  onChooseServices: (services: readonly Service[]) => void;
}) {
  const { t, nav } = usePanel();
  return (
    <Suspense fallback={<p role="status">{t("app.loading")}</p>}>
      <Switch fallback={<HomeScreen />}>
        <Match when={nav.route() === "settings"}>
          <SettingsScreen />
        </Match>
        <Match when={nav.route() === "registration"}>
          <RegistrationScreen
            onNext={(services) => {
              props.onChooseServices(services);
              nav.go("consent");
            }}
          />
        </Match>
        <Match when={nav.route() === "consent"}>
          <ConsentScreen services={props.draft} />
        </Match>
        <Match when={nav.route() === "contact"}>
          <ContactSettingsScreen />
        </Match>
        <Match when={nav.route() === "service"}>
          <ServiceModeScreen source={props.faultSource} />
        </Match>
      </Switch>
    </Suspense>
  );
}
