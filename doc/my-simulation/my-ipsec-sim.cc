// SPDX-License-Identifier: GPL-2.0-only
// A minimal simulation script of one's own, built against an installed ns3-ipsec
// (doc/ipsec.rst, "Writing your own simulation"): two hosts on a point-to-point link, ESP in
// transport mode between them, a UDP echo exchange, and what the SAs counted.

#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/ipsec-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"

#include <iostream>

using namespace ns3;

int
main(int argc, char* argv[])
{
    // A configuration mistake (a misspelt proposal, say) ends the script with its message.
    return ipsec::RunScript([&]() {
        std::string proposal = "aes256gcm16";
        uint32_t packets = 5;
        CommandLine cmd(__FILE__);
        cmd.AddValue("proposal", "ESP proposal, strongSwan syntax", proposal);
        cmd.AddValue("packets", "UDP echo requests to send", packets);
        cmd.Parse(argc, argv);

        NodeContainer nodes;
        nodes.Create(2);
        // The Internet stack with IPsec's routing shim in it, instead of InternetStackHelper.
        ipsec::IpsecHelper::InstallInternetStack(nodes);
        PointToPointHelper link;
        NetDeviceContainer devices = link.Install(nodes);
        Ipv4AddressHelper addresses("10.0.0.0", "255.255.255.0");
        Ipv4InterfaceContainer interfaces = addresses.Assign(devices);

        ipsec::IpsecHelper ipsec;
        ipsec.SetSaAttribute("EspProposal", StringValue(proposal));
        ipsec.Install(nodes);
        ipsec::IpsecConnection conn = ipsec.AddTransport(nodes.Get(0),
                                                         interfaces.GetAddress(0),
                                                         nodes.Get(1),
                                                         interfaces.GetAddress(1));

        UdpEchoServerHelper server(9);
        server.Install(nodes.Get(1)).Start(Seconds(0.5));
        UdpEchoClientHelper client(interfaces.GetAddress(1), 9);
        client.SetAttribute("MaxPackets", UintegerValue(packets));
        client.SetAttribute("Interval", TimeValue(MilliSeconds(100)));
        client.Install(nodes.Get(0)).Start(Seconds(1));

        Simulator::Stop(Seconds(2 + packets * 0.1));
        Simulator::Run();
        std::cout << "A -> B: " << conn.aToB[0]->GetConfig().ToString() << ", "
                  << conn.aToBInbound[0]->GetCounters().packets << " packets accepted\n"
                  << "B -> A: " << conn.bToA[0]->GetConfig().ToString() << ", "
                  << conn.bToAInbound[0]->GetCounters().packets << " packets accepted\n";
        Simulator::Destroy();
        return 0;
    });
}
