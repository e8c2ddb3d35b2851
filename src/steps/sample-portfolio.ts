/**
 * The sample's portfolio inputs: small and import-free, so the pipeline chunk can hold them. With
 * the steps, not in src/sample: the portfolio step starts from them (src/sample sits above the steps).
 */
import type { PreviousInputs } from "../layout/inputs";

/**
 * The portfolio's relationship scores (1–5) for the accounts the deck names, illustrative
 * (issue 29 item 4): Ping An (110), the account the deck plans — a group-wide cooperation
 * agreement since May 2001 and an account manager, but Netcom holds its call-back centre and its
 * staff use Mobile's VPN (the deck's insurance and voice pages): 4. China Mobile (201), 90% of the
 * carriers' revenue (p.2) and Ping An's rival supplier: 2. China Life (210) and PICC (211), the
 * insurers whose networks the marketing plan compares (p.33): 3 each. ICBC (204), which Ping An's
 * network links to (the network page): 3. China Construction Bank (205), Ping An's bank
 * (建行五一支行, the profile): 3. The scores are ours, not the deck's. Keys are the sample's customer ids
 * in both languages; the residual bucket (235) is pre-flagged by its name, not here.
 */
export const SAMPLE_RELATIONSHIPS: Record<string, number> = {
  "110": 4,
  "201": 2,
  "210": 3,
  "211": 3,
  "204": 3,
  "205": 3,
};

export function samplePortfolioInputs(): PreviousInputs {
  return { accounts: Object.entries(SAMPLE_RELATIONSHIPS).map(([k, rel]) => [k, rel, null, null, null]) };
}
