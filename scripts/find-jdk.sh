# shellcheck shell=bash
#
# Finds a JDK new enough to build and run Chatroom. Sourced (not run) by ./chat and .ci/run.
#
#   source scripts/find-jdk.sh
#   require_jdk "./chat" || exit 1    # exports JAVA_HOME, or explains what is missing
#
# Candidates, in order: $JAVA_HOME, the `java` on PATH, /usr/lib/jvm/*, and on macOS
# /Library/Java/JavaVirtualMachines/*/Contents/Home (also under ~). The first one whose
# bin/java reports Java $CHATROOM_MIN_JAVA or newer and that has bin/javac wins.
# Works with bash 3.2 (macOS) and under `set -euo pipefail`.

CHATROOM_MIN_JAVA=25

# java_feature_version VERSION_STRING: prints the feature (major) version,
# e.g. "25.0.3" -> 25, "25" -> 25, "26-ea" -> 26, "1.8.0_392" -> 8.
java_feature_version() {
  local v=$1
  case $v in
    1.[0-9]*) v=${v#1.} ;;   # pre-Java 9 scheme: 1.8.0_392
  esac
  if [[ $v =~ ^([0-9]+) ]]; then
    echo "${BASH_REMATCH[1]}"
  else
    return 1
  fi
}

# java_version_of JAVA_BINARY: prints the quoted version from `java -version`, e.g. 25.0.3.
# Scans all lines, so "Picked up JAVA_TOOL_OPTIONS: ..." noise does not matter.
java_version_of() {
  local out re='version "([^"]+)"'
  out=$("$1" -version 2>&1 </dev/null) || return 1
  if [[ $out =~ $re ]]; then
    echo "${BASH_REMATCH[1]}"
  else
    return 1
  fi
}

# java_home_of JAVA_BINARY: the JDK folder a `java` on PATH belongs to (following
# /usr/bin/java -> /etc/alternatives/... and macOS's /usr/bin/java stub).
java_home_of() {
  local java=$1 props line target dir
  props=$("$java" -XshowSettings:properties -version 2>&1 </dev/null) || true
  while IFS= read -r line; do
    case $line in
      *"java.home = "*) echo "${line#*java.home = }"; return 0 ;;
    esac
  done <<<"$props"
  # Fallback: resolve symlinks by hand (no `readlink -f` on older macOS); home is bin/..
  target=$java
  while [[ -L $target ]]; do
    dir=$(cd -P "$(_jdk_dirname "$target")" && pwd)
    target=$(readlink "$target")
    [[ $target == /* ]] || target=$dir/$target
  done
  (cd -P "$(_jdk_dirname "$target")/.." && pwd)
}

# _jdk_dirname PATH: like dirname(1), in plain bash.
_jdk_dirname() {
  case $1 in
    */*) local d=${1%/*}; echo "${d:-/}" ;;
    *) echo . ;;
  esac
}

# find_jdk: sets JDK_FOUND to the first suitable JDK folder and returns 0, or returns 1.
# Either way JDK_CHECKED lists what was looked at and why it was rejected, one per line.
find_jdk() {
  JDK_FOUND=
  JDK_CHECKED=
  local seen=$'\n' java_on_path candidate
  local -a candidates=()

  if [[ -n ${JAVA_HOME:-} ]]; then
    candidates+=("JAVA_HOME|$JAVA_HOME")
  else
    JDK_CHECKED+="  JAVA_HOME: not set"$'\n'
  fi
  if java_on_path=$(command -v java 2>/dev/null) && [[ -n $java_on_path ]]; then
    candidates+=("PATH|$java_on_path")
  else
    JDK_CHECKED+="  java on PATH: none"$'\n'
  fi
  local dirs=0
  for candidate in /usr/lib/jvm/* \
                   /Library/Java/JavaVirtualMachines/*/Contents/Home \
                   "${HOME:-/nonexistent}"/Library/Java/JavaVirtualMachines/*/Contents/Home; do
    if [[ -d $candidate ]]; then
      candidates+=("dir|$candidate")
      dirs=$((dirs + 1))
    fi
  done

  local entry kind path label home version feature
  for entry in ${candidates[@]+"${candidates[@]}"}; do
    kind=${entry%%|*}
    path=${entry#*|}
    case $kind in
      JAVA_HOME) label="JAVA_HOME=$path" ;;
      PATH)      label="java on PATH ($path)" ;;
      *)         label=$path ;;
    esac

    if [[ $kind == PATH ]]; then
      # Skip a java that cannot even report its version before asking it for its home.
      if ! version=$(java_version_of "$path"); then
        JDK_CHECKED+="  $label: could not read its version"$'\n'; continue
      fi
      home=$(java_home_of "$path") || home=
      if [[ -z $home ]]; then
        JDK_CHECKED+="  $label: Java $version, but could not tell which JDK folder it is in"$'\n'; continue
      fi
    else
      home=$path
    fi

    # Skip folders already looked at (e.g. /usr/lib/jvm/java-1.17.0-openjdk-amd64 -> java-17-...).
    [[ -d $home ]] && home=$(cd -P "$home" && pwd)
    case $seen in
      *$'\n'"$home"$'\n'*)
        [[ $kind == dir ]] || JDK_CHECKED+="  $label: $home, already checked"$'\n'
        continue ;;
    esac
    seen+="$home"$'\n'

    if [[ ! -x $home/bin/java ]]; then
      JDK_CHECKED+="  $label: no bin/java there"$'\n'; continue
    fi
    if ! version=$(java_version_of "$home/bin/java"); then
      JDK_CHECKED+="  $label: could not read the version of $home/bin/java"$'\n'; continue
    fi
    feature=$(java_feature_version "$version") || feature=0
    if (( feature < CHATROOM_MIN_JAVA )); then
      JDK_CHECKED+="  $label: Java $version, too old"$'\n'; continue
    fi
    if [[ ! -x $home/bin/javac ]]; then
      JDK_CHECKED+="  $label: Java $version but no bin/javac (a runtime, not a JDK)"$'\n'; continue
    fi
    JDK_FOUND=$home
    return 0
  done

  if (( dirs == 0 )); then
    if [[ $(uname -s 2>/dev/null || true) == Darwin ]]; then
      JDK_CHECKED+="  /Library/Java/JavaVirtualMachines/*: no JDKs installed there"$'\n'
    else
      JDK_CHECKED+="  /usr/lib/jvm/*: no JDKs installed there"$'\n'
    fi
  fi
  return 1
}

# require_jdk RERUN_COMMAND: exports JAVA_HOME to a suitable JDK, or prints to stderr what
# was checked and what to install, and returns 1.
require_jdk() {
  local rerun=${1:-this command}
  if find_jdk; then
    export JAVA_HOME=$JDK_FOUND
    return 0
  fi
  {
    echo "No JDK $CHATROOM_MIN_JAVA or newer found; Chatroom needs one to build and run."
    echo "Checked:"
    printf '%s' "$JDK_CHECKED"
    echo "Install a JDK $CHATROOM_MIN_JAVA, for example Eclipse Temurin $CHATROOM_MIN_JAVA (https://adoptium.net)" \
         "or your distribution's openjdk-$CHATROOM_MIN_JAVA-jdk package, then run $rerun again" \
         "or set JAVA_HOME to the JDK's folder."
  } >&2
  return 1
}
