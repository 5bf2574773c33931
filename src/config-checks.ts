/**
 * Cross-field checks of a loaded config, each failing with a ConfigError that names the field, so
 * a bad brand or time zone stops the start with a message instead of a stack trace later on.
 */
import { ConfigError } from './errors.js';
import { isTimeZone, UNKNOWN_ZONE } from './analytics/alerts/quiet-hours.js';
import type { BrandConfig } from './config-schema.js';
import { brandQueryText } from './pipeline/brand-matcher.js';
import { parseBrandQuery } from './pipeline/brand-query.js';

/**
 * Every brand's query parses. Competitors are not checked here: one may be a brand added through the
 * API, which only the store knows (the runtime warns about unknown ones at start).
 */
export function assertBrands(brands: readonly BrandConfig[]): void {
  brands.forEach((brand, i) => {
    try {
      parseBrandQuery(brandQueryText(brand));
    } catch (err) {
      throw new ConfigError(`brands[${i}] ("${brand.id}"): ${(err as Error).message}`);
    }
  });
}

/** An IANA time zone the runtime knows ("Asia/Shanghai"), else a ConfigError naming `field`. */
export function assertTimeZone(zone: string, field: string): string {
  if (!isTimeZone(zone)) throw new ConfigError(`${field}: ${UNKNOWN_ZONE(zone)}`);
  return zone;
}
