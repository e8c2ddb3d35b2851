/**
 * Step 2, competition: per product × operator a weighted score of the six factor ratings
 * (weights editable), our lead per product (our score − the best rival's), the strongest rival,
 * and where we lead and lag. A rating row with a missing rating has no score.
 */
export const COMPETITION_FACTOR_COUNT = 6;

export interface OperatorRating {
  product: string;
  operator: string;
  /** The six ratings 1–5 (coverage, stability, price, brand, service quality, operations). */
  ratings: (number | null)[];
}

export interface ProductComparison {
  product: string;
  /** Score per operator (in `operators` order); null when unrated. */
  scores: (number | null)[];
  ours: number | null;
  /** Our score − the best rival's; null when either is missing. */
  lead: number | null;
  strongestRival: string | null;
}

export interface CompetitionAnalysis {
  products: string[];
  operators: string[];
  ourOperator: string;
  comparisons: ProductComparison[];
  leads: string[];
  lags: string[];
}

export function ratingScore(ratings: (number | null)[], weights: number[]): number | null {
  if (ratings.length < COMPETITION_FACTOR_COUNT || ratings.some((r) => r === null)) return null;
  const wsum = weights.reduce((s, w) => s + w, 0);
  if (wsum === 0) return null;
  return ratings.reduce<number>((s, r, i) => s + r! * weights[i], 0) / wsum;
}

function firstSeen(values: string[]): string[] {
  return [...new Set(values.filter((v) => v !== ""))];
}

export function analyseCompetition(
  rows: OperatorRating[],
  weights: number[],
  ourOperator: string,
): CompetitionAnalysis {
  const products = firstSeen(rows.map((r) => r.product));
  const operators = firstSeen(rows.map((r) => r.operator));
  const comparisons = products.map((product) => {
    const scores = operators.map((op) => {
      // Several rows for one pair are averaged, as SUMIFS ÷ COUNTIFS does in the sheet.
      const s = rows
        .filter((r) => r.product === product && r.operator === op)
        .map((r) => ratingScore(r.ratings, weights))
        .filter((x): x is number => x !== null);
      return s.length ? s.reduce((a, b) => a + b, 0) / s.length : null;
    });
    const oi = operators.indexOf(ourOperator);
    const ours = oi >= 0 ? scores[oi] : null;
    let best: number | null = null;
    let rival: string | null = null;
    scores.forEach((s, i) => {
      if (i !== oi && s !== null && (best === null || s > best)) {
        best = s;
        rival = operators[i];
      }
    });
    return {
      product,
      scores,
      ours,
      lead: ours !== null && best !== null ? ours - best : null,
      strongestRival: rival,
    };
  });
  return {
    products,
    operators,
    ourOperator,
    comparisons,
    leads: comparisons.filter((c) => c.lead !== null && c.lead > 0).map((c) => c.product),
    lags: comparisons.filter((c) => c.lead !== null && c.lead < 0).map((c) => c.product),
  };
}

/** The method's products and operators (step 2), pre-filled in the ratings table. */
export const DEFAULT_COMPETITION: Record<"zh" | "en", { products: string[]; operators: string[] }> = {
  zh: { products: ["本地语音", "长途语音", "本地2M电路", "长途2M电路", "上网"], operators: ["电信", "网通", "移动"] },
  en: {
    products: ["Local voice", "Long-distance voice", "Local 2M circuit", "Long-distance 2M circuit", "Internet access"],
    operators: ["China Telecom", "China Netcom", "China Mobile"],
  },
};
