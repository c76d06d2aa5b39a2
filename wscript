# -*- Mode: python; py-indent-offset: 4; indent-tabs-mode: nil; coding: utf-8; -*-
# SPDX-License-Identifier: GPL-2.0-only
#
# ns3-ipsec for waf-based ns-3 trees (ns-3.35 and older): put this directory in contrib/ipsec.
# The same files as cmake/ipsec-files.cmake (test/check-build-files.py keeps them equal).
# The GoogleTest suite is built by CMake only.

import re

IPSEC_SOURCES = [
    'model/ipsec-drop-reason.cc',
    'model/ipsec-esp-header.cc',
    'model/ipsec-esp-trailer.cc',
    'model/ipsec-ah-header.cc',
    'model/ipsec-transform.cc',
    'model/ipsec-proposal.cc',
    'model/ipsec-openssl-util.cc',
    'model/ipsec-openssl-hmac.cc',
    'model/ipsec-aes-xcbc.cc',
    'model/ipsec-openssl-cipher.cc',
    'model/ipsec-openssl-aead.cc',
    'model/ipsec-openssl-integrity.cc',
    'model/ike-prf.cc',
    'model/ikev2-informational-task.cc',
    'model/ikev2-keymat.cc',
    'model/ike-proposal.cc',
    'model/ike-proposal-selection.cc',
    'model/ipsec-crypto-factory.cc',
    'model/ipsec-iv-generator.cc',
    'model/ipsec-random-bytes.cc',
    'model/ipsec-modeled-crypto.cc',
    'model/ipsec-esp-codec.cc',
    'model/ipsec-esp-key-ring.cc',
    'model/ipsec-fragment-buffer.cc',
    'model/ipsec-carried-tags.cc',
    'model/ipsec-replay-window.cc',
    'model/ipsec-ah-codec.cc',
    'model/ipsec-traffic-selector.cc',
    'model/ipsec-security-policy.cc',
    'model/ipsec-security-policy-database.cc',
    'model/ipsec-security-association.cc',
    'model/ipsec-security-association-database.cc',
    'model/ipsec-l4-protocol.cc',
    'model/ipsec-esp-protocol.cc',
    'model/ipsec-ah-protocol.cc',
    'model/ipsec-routing.cc',
    'model/ipsec-attack.cc',
    'model/ipsec-attacker-routing.cc',
    'model/ipsec-attacker-off-path.cc',
    'model/ipsec-attack-drop.cc',
    'model/ipsec-attack-tamper.cc',
    'model/ipsec-attack-replay.cc',
    'model/ipsec-attack-delay.cc',
    'model/ipsec-attack-inject.cc',
    'model/ipsec-attack-ike-forge.cc',
    'model/ipsec-attack-ike-flood.cc',
    'model/ipsec-attack-ike-mitm.cc',
    'model/ipsec-attack-eavesdrop.cc',
    'model/ipsec-stack.cc',
    'model/ipsec-crypto-operation.cc',
    'model/ike-key-exchange.cc',
    'model/ike-signature.cc',
    'model/ipsec-crypto-engine.cc',
    'model/ipsec-crypto-cost-reference.cc',
    'model/ike-child-sa-installer.cc',
    'model/ike-daemon.cc',
    'model/ike-half-open-guard.cc',
    'model/ike-config.cc',
    'model/ike-credential.cc',
    'model/ikev2-pubkey-auth.cc',
    'model/ikev2-eap-auth.cc',
    'model/ike-header.cc',
    'model/ikev2-message.cc',
    'model/ikev2-sk-codec.cc',
    'model/ikev2-auth.cc',
    'model/ike-eap.cc',
    'model/ike-traffic-selector.cc',
    'model/ikev2-proposal-codec.cc',
    'model/ikev2-task.cc',
    'model/ikev2-ike-init-task.cc',
    'model/ikev2-ike-rekey-task.cc',
    'model/ikev2-ike-auth-task.cc',
    'model/ikev2-child-create-task.cc',
    'model/ikev2-sa.cc',
    'helper/ipsec-hex.cc',
    'helper/ipsec-routing-helper.cc',
    'helper/ipsec-factory-check.cc',
    'helper/ipsec-attacker-helper.cc',
    'helper/ipsec-sa-parameters.cc',
    'helper/ipsec-helper.cc',
    'helper/ipsec-key-export.cc',
    'helper/ike-helper.cc',
    'helper/ike-certificate-helper.cc',
    'helper/ike-key-export.cc',
    'helper/ipsec-xfrm-export.cc',
]

IPSEC_HEADERS = [
    'model/ipsec-constants.h',
    'model/ipsec-config-error.h',
    'model/ipsec-ns3-compat.h',
    'model/ipsec-byte-span.h',
    'model/ipsec-drop-reason.h',
    'model/ipsec-mode.h',
    'model/ipsec-modeled-crypto.h',
    'model/ipsec-esp-header.h',
    'model/ipsec-esp-trailer.h',
    'model/ipsec-ah-header.h',
    'model/ipsec-transform.h',
    'model/ipsec-proposal.h',
    'model/ipsec-cipher.h',
    'model/ipsec-integrity.h',
    'model/ipsec-aead.h',
    'model/ipsec-openssl-util.h',
    'model/ipsec-openssl-hmac.h',
    'model/ipsec-aes-xcbc.h',
    'model/ipsec-openssl-cipher.h',
    'model/ipsec-openssl-aead.h',
    'model/ipsec-openssl-integrity.h',
    'model/ike-prf.h',
    'model/ikev2-informational-task.h',
    'model/ikev2-keymat.h',
    'model/ike-proposal.h',
    'model/ike-proposal-selection.h',
    'model/ipsec-crypto-factory.h',
    'model/ipsec-iv-generator.h',
    'model/ipsec-random-bytes.h',
    'model/ipsec-esp-codec.h',
    'model/ipsec-esp-key-ring.h',
    'model/ipsec-fragment-buffer.h',
    'model/ipsec-carried-tags.h',
    'model/ipsec-replay-window.h',
    'model/ipsec-ah-codec.h',
    'model/ipsec-traffic-selector.h',
    'model/ipsec-security-policy.h',
    'model/ipsec-security-policy-database.h',
    'model/ipsec-security-association.h',
    'model/ipsec-security-association-database.h',
    'model/ipsec-l4-protocol.h',
    'model/ipsec-esp-protocol.h',
    'model/ipsec-ah-protocol.h',
    'model/ipsec-routing.h',
    'model/ipsec-attack.h',
    'model/ipsec-attacker-routing.h',
    'model/ipsec-attacker-off-path.h',
    'model/ipsec-attack-drop.h',
    'model/ipsec-attack-tamper.h',
    'model/ipsec-attack-replay.h',
    'model/ipsec-attack-delay.h',
    'model/ipsec-attack-inject.h',
    'model/ipsec-attack-ike-forge.h',
    'model/ipsec-attack-ike-flood.h',
    'model/ipsec-attack-ike-mitm.h',
    'model/ipsec-attack-eavesdrop.h',
    'model/ipsec-stack.h',
    'model/ipsec-crypto-operation.h',
    'model/ike-key-exchange.h',
    'model/ike-signature.h',
    'model/ipsec-crypto-engine.h',
    'model/ike-wire.h',
    'model/ike-child-sa-installer.h',
    'model/ike-daemon.h',
    'model/ike-half-open-guard.h',
    'model/ike-credential.h',
    'model/ikev2-pubkey-auth.h',
    'model/ikev2-eap-auth.h',
    'model/ike-header.h',
    'model/ikev2-message.h',
    'model/ikev2-sk-codec.h',
    'model/ikev2-auth.h',
    'model/ike-eap.h',
    'model/ike-traffic-selector.h',
    'model/ike-config.h',
    'model/ikev2-proposal-codec.h',
    'model/ikev2-task.h',
    'model/ikev2-ike-init-task.h',
    'model/ikev2-ike-rekey-task.h',
    'model/ikev2-ike-auth-task.h',
    'model/ikev2-child-create-task.h',
    'model/ikev2-sa.h',
    'helper/ipsec-hex.h',
    'helper/ipsec-routing-helper.h',
    'helper/ipsec-factory-check.h',
    'helper/ipsec-attacker-helper.h',
    'helper/ipsec-sa-parameters.h',
    'helper/ipsec-helper.h',
    'helper/ipsec-key-export.h',
    'helper/ike-helper.h',
    'helper/ike-certificate-helper.h',
    'helper/ike-key-export.h',
    'helper/ipsec-xfrm-export.h',
]


def configure(conf):
    # OpenSSL 3 libcrypto (Debian: libssl-dev), found through pkg-config.
    # (Logging and asserts follow the tree's build profile, as for ns-3's own modules.)
    conf.check_cfg(package='libcrypto', atleast_version='3.0.3', uselib_store='OPENSSL',
                   args=['--cflags', '--libs'], mandatory=True)


def ns3_version_define(version):
    """IPSEC_NS3_VERSION for model/ipsec-ns3-compat.h: major * 100 + minor ("3.35" -> 335).
    A waf tree that is not a release ("3-dev") predates 3.36, the first CMake release."""
    match = re.match(r'(\d+)\.(\d+)', version or '')
    number = int(match.group(1)) * 100 + int(match.group(2)) if match else 335
    return 'IPSEC_NS3_VERSION=%d' % number


def build(bld):
    module = bld.create_ns3_module('ipsec', ['internet', 'virtual-net-device', 'network', 'core'])
    module.source = IPSEC_SOURCES
    module.use.append('OPENSSL')
    # For the module and everything that uses it (examples, users' programs).
    module.defines = [ns3_version_define(bld.env.VERSION)]
    module.export_defines = module.defines

    headers = bld(features='ns3header')
    headers.module = 'ipsec'
    headers.source = IPSEC_HEADERS

    if bld.env.ENABLE_EXAMPLES:
        bld.recurse('examples')
