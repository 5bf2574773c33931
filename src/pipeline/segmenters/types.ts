/** Splits normalised text into tokens; one adapter per language, created once at start-up. */
export type Segmenter = (text: string) => string[];
