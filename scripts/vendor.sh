#!/usr/bin/env bash
# Vendor the front-end files the API serves, so /docs and /redoc work offline.
#
# Fetches each pinned package from the npm registry (npm pack; nothing is installed),
# copies only the listed files and the package's license into
# newsgraph/api/static/vendor/<package>/, and writes vendor/VERSIONS with the sha256 of
# every copied file. The output is committed; run this again only to change a version.
#
#   scripts/vendor.sh        # needs npm, node, tar, sha256sum and registry.npmjs.org
set -euo pipefail

# One line a package: name@exact-version, then the files to copy (paths inside the package).
# The package's LICENSE* files are always copied too. Add a line to vendor another library.
PACKAGES=(
    "swagger-ui-dist@5.36.0 swagger-ui-bundle.js swagger-ui-bundle.js.LICENSE.txt swagger-ui.css favicon-32x32.png"
    # 2.x, as FastAPI expects: the 3.x standalone bundle is an ES module (FastAPI's page loads
    # it with a classic <script>, so it would not run) and sends telemetry to redocly.com.
    "redoc@2.5.4 bundles/redoc.standalone.js bundles/redoc.standalone.js.LICENSE.txt"
)

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
vendor="$repo/newsgraph/api/static/vendor"
work=$(mktemp -d "${TMPDIR:-/tmp}/newsgraph-vendor.XXXXXX")
trap 'rm -rf "$work"' EXIT

# Build the whole folder aside and swap it in at the end, so a failed run changes nothing.
out="$work/vendor"
mkdir -p "$out"
{
    echo "# Front-end files vendored by scripts/vendor.sh from registry.npmjs.org; do not edit by hand."
    echo "# package@version and the npm tarball's integrity, then the sha256 and path of each copied file."
} >"$out/VERSIONS"

for line in "${PACKAGES[@]}"; do
    read -r spec files <<<"$line"
    name=${spec%@*}
    version=${spec##*@}
    if [[ -z $name || ! $version =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]]; then
        echo "vendor.sh: $spec: pin an exact version, as name@1.2.3" >&2
        exit 1
    fi
    unpacked="$work/unpacked/$name"
    mkdir -p "$unpacked"
    packed=$(cd "$work" && npm pack --silent --json "$spec")
    tarball=$(node -p 'JSON.parse(process.argv[1])[0].filename' "$packed")
    integrity=$(node -p 'JSON.parse(process.argv[1])[0].integrity' "$packed")
    tar -xzf "$work/$tarball" -C "$unpacked" --strip-components=1
    got=$(node -p 'require(process.argv[1]).version' "$unpacked/package.json")
    if [[ $got != "$version" ]]; then
        echo "vendor.sh: $spec: the registry sent version $got" >&2
        exit 1
    fi

    licenses=()
    for license in "$unpacked"/LICEN[CS]E*; do
        [[ -f $license ]] && licenses+=("${license#"$unpacked"/}")
    done
    if [[ ${#licenses[@]} -eq 0 ]]; then
        echo "vendor.sh: $spec has no LICENSE file; check its terms before vendoring it" >&2
        exit 1
    fi

    printf '\n%s %s\n' "$spec" "$integrity" >>"$out/VERSIONS"
    # shellcheck disable=SC2086  # files is a space-separated list by design
    for file in "${licenses[@]}" $files; do
        if [[ ! -f $unpacked/$file ]]; then
            echo "vendor.sh: $spec has no file $file" >&2
            exit 1
        fi
        install -D -m 0644 "$unpacked/$file" "$out/$name/$file"
        (cd "$out" && sha256sum "$name/$file") | sed 's/^/  /' >>"$out/VERSIONS"
    done
    echo "vendored $spec: ${licenses[*]} $files" >&2
done

rm -rf "$vendor"
mkdir -p "$(dirname "$vendor")"
mv "$out" "$vendor"
echo "wrote $vendor" >&2
