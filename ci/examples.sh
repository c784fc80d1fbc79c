#!/usr/bin/env bash
# Builds and runs examples/, a consumer project that depends only on the installed torch4j artifacts.
#
# torch4j is installed (mvn install -DskipTests) into a PRIVATE, throw-away local repository, never
# into ~/.m2 (whose SNAPSHOTs other builds use). That repository is seeded from ~/.m2 by hard links
# (a copy where links are impossible), without ~/.m2's own org/torch4j, so nothing is downloaded
# again. The example is compiled as the module org.torch4j.examples and run on the module path.
#
# Usage: ci/examples.sh [extra mvn options, e.g. -o or -Pcuda]
set -euo pipefail
cd "$(dirname "$0")/.."

repo=$(mktemp -d -t torch4j-m2.XXXXXX)
trap 'rm -rf "$repo"' EXIT
if [ -d "$HOME/.m2/repository" ]; then
    cp -al "$HOME/.m2/repository/." "$repo/" 2>/dev/null || cp -a "$HOME/.m2/repository/." "$repo/"
    rm -rf "$repo/org/torch4j"   # only unlinks the private entries; ~/.m2 keeps its files
fi
native=torch4j-native-cpu
for arg in "$@"; do [ "$arg" = -Pcuda ] && native=torch4j-native-cuda; done

start=$(date +%s)
# the API, bindings, the native poms and the parent: what a consumer resolves
mvn -B -ntp -q -Dmaven.repo.local="$repo" -pl java-api -am install -DskipTests -Dmaven.javadoc.skip=true "$@"
installed=$(date +%s)

# offline: everything the example needs is now in the private repository
mvn -B -ntp -q -o -Dmaven.repo.local="$repo" -f examples/pom.xml -Dtorch4j.native="$native" \
    compile dependency:build-classpath -Dmdep.outputFile=target/module-path.txt -DexcludeTypes=pom
java --module-path "examples/target/classes:$(cat examples/target/module-path.txt)" \
    --add-modules ALL-MODULE-PATH \
    -m org.torch4j.examples/org.torch4j.examples.TwoLayerClassifier
echo "examples: install $((installed - start)) s, build and run $(($(date +%s) - installed)) s"
