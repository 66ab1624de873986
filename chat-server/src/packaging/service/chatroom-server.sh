#!/bin/sh
# chatroom-server: the installed server's command line, linked from /usr/bin/chatroom-server.
#
# It works on the service's data folder and config unless --data or --config names others, and
# when started by root it runs as the service's user, "chatroom", so that whatever it writes there
# (the database's journal, the log) stays readable by the service. For example:
#   sudo chatroom-server user add alice --role admin
#   sudo chatroom-server fingerprint
set -e
launcher=/opt/chatroom-server/bin/chatroom-server
user=chatroom
data=/var/lib/chatroom
config=/etc/chatroom/server.properties

# given OPTION ARGS...: true if ARGS contain OPTION, as "OPTION VALUE" or "OPTION=VALUE".
given() {
  option=$1
  shift
  for arg in "$@"; do
    case $arg in
      --) return 1 ;;
      "$option" | "$option"=*) return 0 ;;
    esac
  done
  return 1
}

asks_for_help() {
  for arg in "$@"; do
    case $arg in
      -h | --help | -V | --version | help) return 0 ;;
    esac
  done
  return 1
}

typed="$*"
own_data=no
if ! given --data "$@"; then
  own_data=yes
  if ! given --config "$@" && [ -f "$config" ]; then
    set -- --config "$config" "$@"
  fi
  set -- --data "$data" "$@"
fi

if [ "$(id -u)" = 0 ]; then
  # The service's user may not be able to enter root's current folder.
  [ "$own_data" = no ] || cd /
  exec runuser -u "$user" -- "$launcher" "$@"
fi
if [ "$own_data" = yes ] && [ "$(id -un)" != "$user" ] && ! asks_for_help "$@"; then
  echo "chatroom-server: the data folder $data belongs to the user $user. Run this with sudo:" >&2
  echo "  sudo chatroom-server $typed" >&2
  exit 1
fi
exec "$launcher" "$@"
