/**
 * The one place tests read device captures and protocol samples from: tests/fixtures/<platform>/, provenance in
 * that folder's SOURCES.md (see tests/fixtures/README.md). Nothing outside the repository is read, so CI needs
 * nothing else; a test that needs a capture from ../shared/fixtures copies it there and adds its row to SOURCES.md.
 */
import { readdirSync, readFileSync } from 'node:fs';

export type FixturePlatform = 'apple' | 'android';

const root = new URL('../fixtures/', import.meta.url);

/** The bytes exactly as captured (signatures are checked over them). */
export const fixtureBytes = (platform: FixturePlatform, name: string) => readFileSync(new URL(`${platform}/${name}`, root));

export const fixtureText = (platform: FixturePlatform, name: string) => fixtureBytes(platform, name).toString('utf8');

/** An AMAPI resource or Pub/Sub body from tests/fixtures/android. */
export const androidFixture = <T = Record<string, unknown>>(name: string): T => JSON.parse(fixtureText('android', name)) as T;

/** File names in one platform's folder (sub-folders such as apple/generated are not listed). */
export const fixtureNames = (platform: FixturePlatform) =>
  readdirSync(new URL(`${platform}/`, root), { withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => entry.name);
