import type { Service } from "../shared/schemas.ts";

// What a device can sign up for on the registration screen (patent fig. 6). Fixed per release.
export const SERVICES: readonly Service[] = [
  {
    id: "fault-monitoring",
    name: { en: "Fault monitoring", ja: "故障監視" },
    description: {
      en: "Serious faults are reported to the service centre as they happen.",
      ja: "重大な故障を発生時にサービスセンターへ通知します。",
    },
  },
  {
    id: "technician-dispatch",
    name: { en: "Technician dispatch", ja: "サービスマン派遣" },
    description: {
      en: "Faults only a technician can fix open a repair request automatically.",
      ja: "サービスマンによる修理が必要な故障は自動で修理依頼になります。",
    },
  },
  {
    id: "supply-trends",
    name: { en: "Supplies and wear trends", ja: "消耗品・部品の傾向" },
    description: {
      en: "Early signs (toner low, parts near end of life) are collected to plan visits.",
      ja: "トナー残量や部品寿命などの予兆を集めて訪問計画に役立てます。",
    },
  },
];

export const SERVICE_IDS: ReadonlySet<string> = new Set(SERVICES.map((s) => s.id));
