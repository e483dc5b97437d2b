/**
 * fast-check runs with a fixed seed, so that `npm test` (and CI) gives the
 * same result every time.  To search with fresh random inputs, run with
 * `FC_SEED=random` (or a number to replay one run); a failure prints its seed.
 */

import fc from 'fast-check'

const env = process.env.FC_SEED
if (env !== 'random') {
  fc.configureGlobal({...fc.readConfigureGlobal(), seed: env ? Number(env) : 20261129})
}
