# SPDX-License-Identifier: GPL-2.0-only
#
# The GoogleTest binary, registered with CTest, in both build paths. In an ns-3 tree the module
# library target is ${libipsec} (ns-3 names it libipsec); standalone it is "ipsec".
find_package(GTest)
if(NOT GTest_FOUND)
  message(WARNING "ns3-ipsec: GoogleTest not found (Debian: libgtest-dev); tests are not built")
  return()
endif()
include(GoogleTest)
enable_testing()

add_executable(ipsec-test ${IPSEC_TEST_SOURCES})
target_link_libraries(ipsec-test PRIVATE ${libipsec} ${libinternet} ${libpoint-to-point} ${libcsma}
                      ${libapplications} ${libinternet-apps} ${libflow-monitor} ${libnetwork} ${libcore}
                                         OpenSSL::Crypto GTest::gtest GTest::gtest_main)
# examples/ for ipsec-ns3-app-compat.h (ping and UdpServer across ns-3 releases).
target_include_directories(ipsec-test PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/test
                                              ${CMAKE_CURRENT_SOURCE_DIR}/examples)
target_compile_definitions(ipsec-test PRIVATE
                           IPSEC_SOURCE_DIR="${CMAKE_CURRENT_SOURCE_DIR}")
if(COMMAND ipsec_target_defaults)
  ipsec_target_defaults(ipsec-test)
endif()
gtest_discover_tests(ipsec-test DISCOVERY_TIMEOUT 60)
# MeasureCosts.* runs the cost-measuring tool's quick mode and reads its table.
if(TARGET ipsec-measure-costs)
  target_compile_definitions(ipsec-test PRIVATE
                             IPSEC_MEASURE_COSTS="$<TARGET_FILE:ipsec-measure-costs>")
  add_dependencies(ipsec-test ipsec-measure-costs)
endif()

find_package(Python3 COMPONENTS Interpreter)
if(Python3_FOUND)
  add_test(NAME BuildFiles.WscriptMatchesCMake
           COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/test/check-build-files.py
                   ${CMAKE_CURRENT_SOURCE_DIR})
  # The README's tshark commands decrypt the flagship's pcap (ESP only, and with ESP+AH).
  if(TARGET ipsec-site-to-site)
    add_test(NAME Pcap.ReadmeTsharkDecryptsFlagship
             COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/test/check-example-pcap.py
                     $<TARGET_FILE:ipsec-site-to-site>)
    add_test(NAME Pcap.ReadmeTsharkDecryptsFlagshipEspAh
             COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/test/check-example-pcap.py
                     $<TARGET_FILE:ipsec-site-to-site> --protocol=esp+ah)
    # Keyed by IKEv2: the IKE messages decrypt too, with the IKEv2 table the example writes.
    add_test(NAME Pcap.TsharkDecryptsFlagshipIkev2
             COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/test/check-example-pcap.py
                     $<TARGET_FILE:ipsec-site-to-site> --keying=ikev2)
    add_test(NAME Pcap.TsharkDecryptsFlagshipIkev2Transport
             COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/test/check-example-pcap.py
                     $<TARGET_FILE:ipsec-site-to-site> --keying=ikev2 --mode=transport
                     --ikeProposal=aes256gcm16-prfsha384-ecp384 --proposal=aes256-sha256)
    # Rekeys inside the run (CHILD SAs with PFS, IKE SAs): every generation's keys are in the
    # tables.
    add_test(NAME Pcap.TsharkDecryptsFlagshipIkev2Rekeys
             COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/test/check-example-pcap.py
                     $<TARGET_FILE:ipsec-site-to-site> --keying=ikev2 --childRekeyTime=1.5
                     --ikeRekeyTime=2.5 --espProposal=aes128gcm16-modp2048)
    # The README's sample output and tshark figures (Debian's ns-3 3.37: other releases' TCP
    # gives other counts).
    if(IPSEC_STANDALONE AND ns3_VERSION VERSION_EQUAL 3.37)
      add_test(NAME Readme.FiguresAreTheFlagshipsOwn
               COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/test/check-readme-figures.py
                       $<TARGET_FILE:ipsec-site-to-site> ${CMAKE_CURRENT_SOURCE_DIR}/README.md)
    endif()
    # Every flow delivered, every lost protected packet dropped by a WAN queue.
    foreach(variant "tunnel;" "transport;--mode=transport" "EspAh;--protocol=esp+ah"
                    "Ikev2;--keying=ikev2" "Ikev2Transport;--keying=ikev2;--mode=transport"
                    "Ikev2Rekeys;--keying=ikev2;--childRekeyTime=2;--ikeRekeyTime=3")
      list(GET variant 0 label)
      list(SUBLIST variant 1 -1 options)
      add_test(NAME Examples.FlagshipClaims${label}
               COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/test/check-flagship-claims.py
                       $<TARGET_FILE:ipsec-site-to-site> ${options})
    endforeach()
  endif()
  # The crypto-engine examples show what their header comments claim (short runs).
  if(TARGET ipsec-gateway-throughput)
    add_test(NAME Examples.GatewayThroughputClaims
             COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/test/check-engine-examples.py
                     throughput $<TARGET_FILE:ipsec-gateway-throughput>)
  endif()
  if(TARGET ipsec-site-to-site AND TARGET ipsec-transport)
    add_test(NAME Examples.OptionsDoWhatTheHelpSays
             COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/test/check-example-options.py
                     $<TARGET_FILE:ipsec-site-to-site> $<TARGET_FILE:ipsec-transport>)
  endif()
  # cmake --install and a script of one's own against the package (standalone builds only).
  if(IPSEC_STANDALONE)
    add_test(NAME Install.UserScriptBuildsAgainstPackage
             COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/test/check-install.sh ${CMAKE_BINARY_DIR}
                     ${CMAKE_CURRENT_SOURCE_DIR})
  endif()
  # Bad options end every example with the module's message and exit code 2.
  if(TARGET ipsec-esp-packet)
    add_test(NAME Examples.ErrorsAreMessagesNotAborts
             COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/test/check-example-errors.py
                     $<TARGET_FILE_DIR:ipsec-esp-packet>)
  endif()
  # ipsec-ikev2's scenarios do what its header comment says; its pcap decrypts with its files.
  if(TARGET ipsec-ikev2)
    add_test(NAME Examples.Ikev2ScenariosClaims
             COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/test/check-ikev2-example.py
                     $<TARGET_FILE:ipsec-ikev2>)
  endif()
  # ipsec-ikev1 compares the modes as its header says; psk-crack and tshark agree (issue 14).
  if(TARGET ipsec-ikev1 AND TARGET ipsec-site-to-site)
    add_test(NAME Examples.Ikev1ModesClaims
             COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/test/check-ikev1-example.py
                     $<TARGET_FILE:ipsec-ikev1> $<TARGET_FILE:ipsec-site-to-site>)
  endif()
  # ipsec-tunnel-corners shows RFC 4301's corner cases as its header comment says.
  if(TARGET ipsec-tunnel-corners)
    add_test(NAME Examples.TunnelCornersClaims
             COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/test/check-corners-example.py
                     $<TARGET_FILE:ipsec-tunnel-corners>)
  endif()
  # ipsec-attacks shows, from its own CSV, what each protection stops (issue 15).
  if(TARGET ipsec-attacks)
    add_test(NAME Examples.AttackLabClaims
             COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/test/check-attacks-example.py
                     $<TARGET_FILE:ipsec-attacks>)
  endif()
  if(TARGET ipsec-parallel-workers)
    add_test(NAME Examples.ParallelWorkersClaims
             COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/test/check-engine-examples.py
                     workers $<TARGET_FILE:ipsec-parallel-workers>)
  endif()
endif()
