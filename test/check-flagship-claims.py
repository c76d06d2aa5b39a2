#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""The flagship example shows what its header comment and the README claim, on whichever ns-3
it was built against (the standalone build and scripts/check-ns3-tree.sh run this):

- every flow is delivered whole: 300/300 and 20/20 UDP datagrams, the whole TCP transfer, and
  a ping reply for each of the 9 requests;
- no IPsec drop on either gateway (or host, in transport mode);
- every protected packet an SA sent and its peer did not receive was dropped by a WAN queue
  (the example counts those drops itself; the number differs between ns-3 releases because
  TCP's loss recovery changed, the accounting does not).

usage: check-flagship-claims.py <path to ipsec-site-to-site> [example options...]
"""
import re
import subprocess
import sys
import tempfile


def fail(message, output):
    sys.exit(f"FAIL: {message}\n{output}")


def main():
    example = sys.argv[1]
    with tempfile.TemporaryDirectory() as work:
        out = subprocess.run([example] + sys.argv[2:], cwd=work, check=True,
                             capture_output=True, text=True).stdout
    print(out)
    if not re.search(r"UDP .*:4000 +300/300 datagrams", out):
        fail("the 1000-byte UDP flow is not delivered whole", out)
    if not re.search(r"UDP .*:4001 +20/20 datagrams", out):
        fail("the 3000-byte UDP flow is not delivered whole", out)
    tcp = re.search(r"TCP .*:50000 (\d+)/(\d+) bytes", out)
    if not tcp or tcp.group(1) != tcp.group(2):
        fail("the TCP transfer is not delivered whole", out)
    if not re.search(r"ping .* 9 replies", out):
        fail("ping did not get its 9 replies", out)
    drops = re.findall(r"node \d+: (.*)", out.split("IPsec drops per node")[1].split("IPsec SAs")[0])
    if not drops or any(d.strip() != "none" for d in drops):
        fail(f"IPsec dropped packets: {drops}", out)
    lost = re.search(r"Protected packets lost on the way: (\d+) \((.*)\)", out)
    if lost and not lost.group(2).startswith("all dropped by the WAN queues"):
        fail("protected packets were lost that no WAN queue dropped", out)
    print("ok:", "no protected packet lost" if not lost else
          f"{lost.group(1)} protected packets lost, all in WAN queues")


if __name__ == "__main__":
    main()
