import type { Random } from "./random.ts";

/**
 * How a customer settles its invoices; `weight` is how often it orders,
 * relative to the others, so a few customers stand out at the top.
 */
export type PayerHabit = "prompt" | "late" | "partial" | "defaulting";
export type DemoCustomer = {
  id: string;
  name: string;
  email: string;
  phone: string;
  address: string;
  habit: PayerHabit;
  weight: number;
};

const NAMES = [
  "Harbour Café",
  "Northwind Traders",
  "Blue Fern Dental",
  "Copperleaf Architects",
  "Maple & Birch Law",
  "Riverside Primary School",
  "Summit Physiotherapy",
  "Ironbridge Motors",
  "Lantern Books",
  "Orchard Veterinary Clinic",
  "Pioneer Print Works",
  "Quayside Hotel",
  "Redwood Accounting",
  "Silverline Logistics",
  "Tidewater Yacht Club",
  "Union Street Bakery",
  "Vale Community Centre",
  "Westgate Estate Agents",
  "Yellowstone Travel",
  "Zenith Fitness",
  "Alder Lane Nursery",
  "Beacon Hill Surgery",
  "Cobalt Design Studio",
  "Driftwood Gallery",
  "Elm Park Library",
  "Foxglove Florist",
  "Granite Builders",
  "Heron Bay Marina",
  "Indigo Language School",
  "Juniper Health Foods",
  "Kestrel IT Services",
  "Larkspur Dance Academy",
  "Meadowbrook Farm Shop",
  "Nettlefield Garage",
  "Oakhurst Golf Club",
  "Primrose Care Home",
  "Quill & Ink Stationers",
  "Rosehip Tea Rooms",
  "Saltmarsh Brewery",
  "Thistle Engineering",
];

const STREETS = ["High Street", "Station Road", "Mill Lane", "Church Road", "Park Avenue", "Victoria Road"];
const TOWNS = ["Bristol", "Leeds", "York", "Bath", "Norwich", "Exeter", "Chester", "Durham"];
const HABITS: readonly PayerHabit[] = ["prompt", "prompt", "prompt", "late", "late", "partial", "defaulting"];

const slug = (name: string) =>
  name
    .toLowerCase()
    .replace(/&/g, "and")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");

export function demoCustomers(random: Random): DemoCustomer[] {
  return NAMES.map((name, index) => ({
    id: `demo_customer_${String(index + 1).padStart(2, "0")}`,
    name,
    email: `accounts@${slug(name)}.example`,
    phone: `+44 20 7946 ${String(random.int(0, 9999)).padStart(4, "0")}`,
    address: `${random.int(1, 180)} ${random.pick(STREETS)}, ${random.pick(TOWNS)}`,
    habit: random.pick(HABITS),
    // A long tail: the first customers order far more often than the last.
    weight: Math.max(1, Math.round(12 / (1 + index / 4))),
  }));
}
