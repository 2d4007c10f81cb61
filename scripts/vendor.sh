#!/usr/bin/env bash
# Vendor the front-end files the API serves, so /docs and /redoc work offline.
#
# Fetches each pinned package from the npm registry (npm pack; nothing is installed),
# copies only the listed files and the package's license into
# newsgraph/api/static/vendor/<package>/ (a scoped @scope/name goes to <name>/), and writes
# vendor/VERSIONS with the sha256 of every copied file. The output is committed; run this
# again only to change a version.
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
    # The browser libraries of the web workspace: each a single classic-script (UMD) file.
    "graphology@0.26.0 dist/graphology.umd.min.js"            # global graphology
    "sigma@3.0.3 dist/sigma.min.js"                           # global Sigma; 3.x, not 4.x
    "vis-timeline@8.5.4 standalone/umd/vis-timeline-graph2d.min.js styles/vis-timeline-graph2d.min.css"  # global vis
    "@zazuko/yasgui@4.6.2 build/yasgui.min.js build/yasgui.min.css"  # global Yasgui
)

# A package whose tarball has no LICENSE file, and the pinned package its license is taken
# from instead. @zazuko/yasgui (MIT) is the maintained fork of Triply's @triply/yasgui,
# whose tarball has the MIT LICENSE.txt the fork's package.json refers to.
declare -A LICENSE_FROM=(
    ["@zazuko/yasgui"]="@triply/yasgui@4.2.28"
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
    echo "# package@version and the npm tarball's integrity (and, for a package without a license file,"
    echo "# the package@version and integrity its license is taken from), then the sha256 and path of"
    echo "# each copied file."
} >"$out/VERSIONS"

# fetch name@version: npm pack it into $work (npm checks the tarball against the registry's
# integrity), unpack it to $work/unpacked/<name> and set $integrity and $unpacked.
fetch() {
    local spec=$1 name=${1%@*} version=${1##*@} packed tarball got
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
}

# The LICENSE* files of the package unpacked at $1, as paths inside it.
licenses_of() {
    local license
    licenses=()
    for license in "$1"/LICEN[CS]E*; do
        [[ -f $license ]] && licenses+=("${license#"$1"/}")
    done
    return 0
}

declare -A folders=()
for line in "${PACKAGES[@]}"; do
    read -r spec files <<<"$line"
    name=${spec%@*}
    folder=${name##*/}  # @scope/name -> name
    if [[ -n ${folders[$folder]:-} ]]; then
        echo "vendor.sh: $spec and ${folders[$folder]} would share the folder $folder" >&2
        exit 1
    fi
    folders[$folder]=$spec
    fetch "$spec"
    header="$spec $integrity"

    licenses_of "$unpacked"
    license_dir=$unpacked
    if [[ ${#licenses[@]} -eq 0 && -n ${LICENSE_FROM[$name]:-} ]]; then
        package_dir=$unpacked
        fetch "${LICENSE_FROM[$name]}"
        licenses_of "$unpacked"
        license_dir=$unpacked
        unpacked=$package_dir
        header="$header license from ${LICENSE_FROM[$name]} $integrity"
    fi
    if [[ ${#licenses[@]} -eq 0 ]]; then
        echo "vendor.sh: $spec has no LICENSE file; check its terms before vendoring it" >&2
        exit 1
    fi

    printf '\n%s\n' "$header" >>"$out/VERSIONS"
    for file in "${licenses[@]}"; do
        install -D -m 0644 "$license_dir/$file" "$out/$folder/$file"
        (cd "$out" && sha256sum "$folder/$file") | sed 's/^/  /' >>"$out/VERSIONS"
    done
    # shellcheck disable=SC2086  # files is a space-separated list by design
    for file in $files; do
        if [[ ! -f $unpacked/$file ]]; then
            echo "vendor.sh: $spec has no file $file" >&2
            exit 1
        fi
        install -D -m 0644 "$unpacked/$file" "$out/$folder/$file"
        (cd "$out" && sha256sum "$folder/$file") | sed 's/^/  /' >>"$out/VERSIONS"
    done
    echo "vendored $spec: ${licenses[*]} $files" >&2
done

rm -rf "$vendor"
mkdir -p "$(dirname "$vendor")"
mv "$out" "$vendor"
echo "wrote $vendor" >&2
