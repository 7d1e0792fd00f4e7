/** Server and browser must format identically, or hydration sees different text: one fixed locale. */
export const DISPLAY_LOCALE = "en-US";
