import { cleanup, fireEvent, screen, waitFor, within } from "@solidjs/testing-library";
import { afterEach, describe, expect, it } from "vitest";
import { CATALOG } from "../../../../shared/catalog/index.ts";
import { alert, fakeController, snapshot } from "../../../test/panelFixtures.ts";
import { renderPanel } from "../../../test/renderPanel.tsx";
import { createSimulatedFaultSource } from "../../stores/faultSource.ts";
import { usePanel } from "../../stores/panelContext.ts";
import { ServiceModeScreen } from "./ServiceModeScreen.tsx";

afterEach(cleanup);

function SimulatedServiceMode() {
  const { controller, state } = usePanel();
  return <ServiceModeScreen source={createSimulatedFaultSource(controller, state)} />;
}

const [first, second] = CATALOG;
if (!first || !second) throw new Error("service mode needs at least two catalog entries to test");

describe("ServiceModeScreen", () => {
  it("has catalog entries to offer", () => {
    expect(first).toBeDefined();
    expect(second).toBeDefined();
  });

  it("raises catalog faults through the controller, several at once", () => {
    const controller = fakeController();
    renderPanel(controller, () => <SimulatedServiceMode />);
    fireEvent.click(screen.getByRole("button", { name: `Raise ${first.code}` }));
    fireEvent.click(screen.getByRole("button", { name: `Raise ${second.code}` }));
    expect(controller.raise).toHaveBeenCalledWith(first.code);
    expect(controller.raise).toHaveBeenCalledWith(second.code);
  });

  it("lists active faults with a Clear each, and cannot raise one twice", () => {
    const controller = fakeController(snapshot({ alerts: [alert("r1", first, { screen: "fatal" })] }));
    renderPanel(controller, () => <SimulatedServiceMode />);
    expect(screen.getByRole("button", { name: `Raise ${first.code}` }).hasAttribute("disabled")).toBe(true);
    fireEvent.click(screen.getByRole("button", { name: `Clear ${first.code}` }));
    expect(controller.clear).toHaveBeenCalledWith(first.code);
    expect(screen.getByTestId("service-showing").textContent).toContain(first.code);
  });

  it("names the screen the panel shows in words of the panel's language", async () => {
    const controller = fakeController(
      snapshot({ alerts: [alert("r1", first, { screen: "partial-remote" })] }),
    );
    renderPanel(controller, () => <SimulatedServiceMode />);
    const showing = screen.getByTestId("service-showing");
    expect(showing.dataset.showing).toBe("partial-remote");
    expect(showing.textContent).toBe(
      `The panel now shows: partial fault, repair requested remotely — ${first.code}`,
    );
    await controller.updateSettings({ language: "ja" });
    await waitFor(() => expect(showing.textContent).toContain("一部の故障 (遠隔で修理を依頼済み)"));
    expect(showing.textContent).not.toContain("partial-remote");
  });

  it("filters the catalog by level", () => {
    renderPanel(fakeController(), () => <SimulatedServiceMode />);
    fireEvent.change(screen.getByRole("combobox", { name: "Level" }), { target: { value: "sign" } });
    const list = screen.getByRole("list", { name: "Catalog" });
    const codes = within(list)
      .getAllByRole("listitem")
      .map((item) => item.dataset.catalogCode);
    const signCodes = CATALOG.filter((e) => e.level === "sign").map((e) => e.code);
    expect(codes).toEqual(signCodes);
    expect(codes.length).toBeGreaterThan(0);
  });
});
