// A downlink limit for one page's peer connection: a tc rate limit on loopback for the packets to
// that connection's local port (the page's side of the selected ICE candidate pair). Only inside
// the private network namespace of in-netns (where the tests run as root, or as root of a user
// namespace): there loopback is the whole network, and nothing here touches the host's.
//
//   const port = await selectedLocalCandidate(page, 'subscribe');   // {port, protocol}
//   limitDownlink(port, { kbit: 300 });   ...   unlimit();
//
// The kernel here has the htb and tbf qdiscs but not prio or netem, so: htb at the root of lo,
// everything in a fast default class, a u32 filter on the destination port into a slow class
// whose short pfifo drops what does not fit (a real bottleneck, not an ever-growing queue).
import { execFileSync } from 'node:child_process';

function tc(...args) {
  return execFileSync('tc', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** True when this process runs in a network namespace that has only loopback (in-netns), and tc
 *  can change its qdiscs; otherwise the reason why not (a string). */
export function canLimitLoopback() {
  let links;
  try {
    links = execFileSync('ip', ['-o', 'link', 'show'], { encoding: 'utf8' });
  } catch (e) {
    return `ip link show failed: ${e.message}`;
  }
  const names = links.split('\n').filter(Boolean).map((l) => l.split(':')[1]?.trim().split('@')[0]);
  if (names.some((n) => n !== 'lo')) return `not in a private network namespace (interfaces: ${names.join(', ')})`;
  try {
    tc('qdisc', 'add', 'dev', 'lo', 'root', 'handle', '1:', 'htb', 'default', '10');
    tc('qdisc', 'del', 'dev', 'lo', 'root');
  } catch (e) {
    return `tc cannot add an htb qdisc on lo: ${e.stderr || e.message}`;
  }
  return true;
}

/** Limits the packets sent to local `port` (udp or tcp) on lo to `kbit` kbit/s. */
export function limitDownlink({ port, protocol }, { kbit = 300, queuePackets = 30 } = {}) {
  unlimit();
  tc('qdisc', 'add', 'dev', 'lo', 'root', 'handle', '1:', 'htb', 'default', '10', 'r2q', '1000');
  tc('class', 'add', 'dev', 'lo', 'parent', '1:', 'classid', '1:10', 'htb', 'rate', '10gbit');
  tc('class', 'add', 'dev', 'lo', 'parent', '1:', 'classid', '1:20', 'htb', 'rate', `${kbit}kbit`, 'ceil', `${kbit}kbit`);
  tc('qdisc', 'add', 'dev', 'lo', 'parent', '1:20', 'handle', '20:', 'pfifo', 'limit', String(queuePackets));
  const proto = protocol === 'tcp' ? '6' : '17';
  tc('filter', 'add', 'dev', 'lo', 'parent', '1:', 'protocol', 'ip', 'prio', '1', 'u32',
    'match', 'ip', 'protocol', proto, '0xff', 'match', 'ip', 'dport', String(port), '0xffff', 'flowid', '1:20');
}

/** Removes any limit (idempotent). */
export function unlimit() {
  try {
    tc('qdisc', 'del', 'dev', 'lo', 'root');
  } catch {
    // No root qdisc of ours: nothing to remove.
  }
}

/** What went through the slow class so far: {sentBytes, sentPackets, dropped} (null without a limit). */
export function limitStats() {
  let out;
  try {
    out = tc('-s', 'class', 'show', 'dev', 'lo', 'classid', '1:20');
  } catch {
    return null;
  }
  const m = /Sent (\d+) bytes (\d+) pkt \(dropped (\d+)/.exec(out);
  return m ? { sentBytes: Number(m[1]), sentPackets: Number(m[2]), dropped: Number(m[3]) } : null;
}
