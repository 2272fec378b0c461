// The Redis settings a studio queue needs, checked where Redis lets us read them (managed ones may not).
import type IORedis from 'ioredis';

async function readConfig(redis: IORedis, name: string): Promise<string | undefined> {
  try {
    const reply = (await redis.config('GET', name)) as string[];
    return reply[1];
  } catch {
    return undefined;
  }
}

/** One sentence per setting that is readable and wrong; none when all is well or nothing can be read. */
export async function redisSettingProblems(redis: IORedis): Promise<string[]> {
  const problems: string[] = [];
  const aof = await readConfig(redis, 'appendonly');
  if (aof !== undefined && aof !== 'yes') {
    problems.push(
      `Redis has appendonly ${aof}: a Redis restart forgets every queued job (the coordinator re-submits its open jobs, but set appendonly yes)`,
    );
  }
  const policy = await readConfig(redis, 'maxmemory-policy');
  if (policy !== undefined && policy !== 'noeviction') {
    problems.push(
      `Redis has maxmemory-policy ${policy}: under memory pressure it may evict job keys; set maxmemory-policy noeviction`,
    );
  }
  return problems;
}
