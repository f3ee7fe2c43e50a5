import { cleanup, fireEvent, screen } from "@solidjs/testing-library";
import { afterEach, describe, expect, it, vi } from "vitest";
import { fakeController } from "../../../test/panelFixtures.ts";
import { renderPanel } from "../../../test/renderPanel.tsx";
import { MonitoringSection } from "./MonitoringSection.tsx";

afterEach(cleanup);

describe("turning monitoring off", () => {
  it("asks first and turns it off only on Yes", async () => {
    const controller = fakeController();
    renderPanel(controller, () => <MonitoringSection />);
    fireEvent.click(screen.getByRole("button", { name: "Turn monitoring off" }));
    expect(controller.turnMonitoringOff).not.toHaveBeenCalled();
    expect(screen.getByRole("alertdialog").textContent).toContain("stop all contact");
    fireEvent.click(screen.getByRole("button", { name: "Yes, turn monitoring off" }));
    expect(controller.turnMonitoringOff).toHaveBeenCalledTimes(1);
  });

  it("does nothing when the user keeps it on", () => {
    const controller = fakeController();
    renderPanel(controller, () => <MonitoringSection />);
    fireEvent.click(screen.getByRole("button", { name: "Turn monitoring off" }));
    fireEvent.click(screen.getByRole("button", { name: "Keep monitoring on" }));
    expect(screen.queryByRole("alertdialog")).toBeNull();
    expect(controller.turnMonitoringOff).not.toHaveBeenCalled();
  });
});

describe("turn-off confirmation focus", () => {
  it("takes focus on the safe choice when it opens, and gives it back when kept", () => {
    renderPanel(fakeController(), () => <MonitoringSection />);
    fireEvent.click(screen.getByRole("button", { name: "Turn monitoring off" }));
    const dialog = screen.getByRole("alertdialog");
    expect(dialog.contains(document.activeElement)).toBe(true);
    expect(document.activeElement).toBe(screen.getByRole("button", { name: "Keep monitoring on" }));
    fireEvent.click(screen.getByRole("button", { name: "Keep monitoring on" }));
    expect(document.activeElement).toBe(screen.getByRole("button", { name: "Turn monitoring off" }));
  });

  it("puts focus on Register once monitoring is off", async () => {
    const controller = fakeController();
    controller.turnMonitoringOff = vi.fn(async () =>
      controller.emit({ settings: { ...controller.snapshot().settings, monitoring: false } }),
    );
    renderPanel(controller, () => <MonitoringSection />);
    fireEvent.click(screen.getByRole("button", { name: "Turn monitoring off" }));
    fireEvent.click(screen.getByRole("button", { name: "Yes, turn monitoring off" }));
    const register = await screen.findByRole("button", { name: "Register for remote monitoring" });
    await vi.waitFor(() => expect(document.activeElement).toBe(register));
  });
});
