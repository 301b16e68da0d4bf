/// An Alpine 3.19 root's package files, written by hand after apk's v2 installed-database format: neither apk nor
/// an Alpine root filesystem can be had offline on the Debian machines the tests run on. Field values follow the
/// real packages; each `Z:` is the SHA-1 (as `Q1` and base64) of the stand-in content in `fileContents`.
enum AlpineFixture {
    static let osRelease = """
        NAME="Alpine Linux"
        ID=alpine
        VERSION_ID=3.19.1
        PRETTY_NAME="Alpine Linux v3.19"
        HOME_URL="https://alpinelinux.org/"
        BUG_REPORT_URL="https://gitlab.alpinelinux.org/alpine/aports/-/issues"

        """

    /// The stand-in contents whose digests the database records, by path.
    static let fileContents: [String: String] = [
        "lib/ld-musl-x86_64.so.1": "\u{7f}ELF musl dynamic loader\n",
        "lib/libc.musl-x86_64.so.1": "ld-musl-x86_64.so.1",  // a symlink: apk records the digest of its target
        "bin/busybox": "\u{7f}ELF busybox 1.36.1\n",
        "usr/bin/ssl_client": "\u{7f}ELF ssl_client\n",
    ]

    static let musl = """
        C:Q1yL3X/SCKj7mgx3cyfZBoJQrC0lI=
        P:musl
        V:1.2.4_git20230717-r4
        A:x86_64
        S:407278
        I:667648
        T:the musl c library (libc) implementation
        U:https://musl.libc.org/
        L:MIT
        o:musl
        m:Timo Teräs <timo.teras@iki.fi>
        t:1705587555
        c:0e5b0fb1f1b7d5a8fa3e9b1e2c4e3d5a1b2c3d4e
        p:so:libc.musl-x86_64.so.1=1
        F:lib
        R:ld-musl-x86_64.so.1
        a:0:0:755
        Z:Q1NjxkJI1PGm/3CJL9dYlgk4/xhKk=
        R:libc.musl-x86_64.so.1
        a:0:0:777
        Z:Q17yJ3JFNypA4mxhJJr0ou6CzsJVI=


        """

    static func busybox(release: String = "r15") -> String {
        """
        C:Q1fT2mRqk9Xh0wJ8bV3cN5zL7pY4s=
        P:busybox
        V:1.36.1-\(release)
        A:x86_64
        S:512201
        I:947200
        T:Size optimized toolbox of many common UNIX utilities
        U:https://busybox.net/
        L:GPL-2.0-only
        o:busybox
        m:Sören Tempel <soeren+alpine@soeren-tempel.net>
        t:1705590214
        c:4e0a3a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f
        D:so:libc.musl-x86_64.so.1
        p:cmd:busybox=1.36.1-\(release)
        r:busybox-initscripts
        F:bin
        R:busybox
        a:0:0:755
        Z:Q1O+qy6zLgXcL0he8I//Kuu8JnHxg=
        F:etc
        R:securetty
        Z:Q1C6YlkXqwaNCm6VZ7tuHu0FUC5Js=
        R:udhcpd.conf
        Z:Q1W9CfUdLl2wWA9VAfIekGjYH0OL4=
        F:etc/logrotate.d
        F:etc/network
        F:etc/network/if-up.d
        M:0:0:755
        F:usr
        F:usr/share
        F:usr/share/udhcpc
        R:default.script
        a:0:0:755
        Z:Q1/SoM8I+D+AsE/bx9i9uR+ybrHVU=


        """
    }

    static let sslClient = """
        C:Q1pK8vN2xR5tY7uW3zA6bC9dE1fG4h=
        P:ssl_client
        V:1.36.1-r15
        A:x86_64
        S:4720
        I:14336
        T:EXternal ssl_client for busybox wget
        U:https://busybox.net/
        L:GPL-2.0-only
        o:busybox
        m:Sören Tempel <soeren+alpine@soeren-tempel.net>
        t:1705590214
        c:4e0a3a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f
        D:so:libc.musl-x86_64.so.1 so:libcrypto.so.3 so:libssl.so.3
        i:busybox=1.36.1-r15 libssl3
        F:usr
        F:usr/bin
        R:ssl_client
        a:0:0:755
        Z:Q1R3cIawaZl5FiGYa7AwJdWJs8a6E=


        """

    static let muslUtils = """
        C:Q1b5vQx8Zc2Lk4Tn7Wd0Ry3Pm6Hs9J=
        P:musl-utils
        V:1.2.4_git20230717-r4
        A:x86_64
        S:36938
        I:135168
        T:the musl c library (libc) implementation
        U:https://musl.libc.org/
        L:MIT AND BSD-2-Clause AND GPL-2.0-or-later
        o:musl
        m:Timo Teräs <timo.teras@iki.fi>
        t:1705587555
        c:0e5b0fb1f1b7d5a8fa3e9b1e2c4e3d5a1b2c3d4e
        D:!uclibc-utils scanelf musl=1.2.4_git20230717-r4 so:libc.musl-x86_64.so.1
        p:cmd:getconf=1.2.4_git20230717-r4 cmd:getent=1.2.4_git20230717-r4 cmd:iconv=1.2.4_git20230717-r4
        r:libiconv
        F:sbin
        R:ldconfig
        a:0:0:755
        Z:Q1UEUZyEK3ICJQMV71YgaeTOENqZw=
        F:usr
        F:usr/bin
        R:ldd
        a:0:0:755
        Z:Q1yFAhGggmL7ERgbIA7KQxyTzf3ks=


        """

    /// A database of `packages` as apk writes it: each paragraph ends with a blank line.
    static func database(_ packages: [String]) -> String { packages.joined() }
}
