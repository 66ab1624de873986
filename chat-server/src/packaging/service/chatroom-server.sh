#!/bin/sh
# chatroom-server: the installed server's command line, linked from /usr/bin/chatroom-server.
#
# It works on the service's data folder and config unless --data names another folder. On the
# service's folder, when started by root, it runs as the service's user, "chatroom", so that
# whatever it writes there (the database's journal, the log) stays readable by the service:
#   sudo chatroom-server user add alice --role admin
#   sudo chatroom-server fingerprint
set -e
launcher=/opt/chatroom-server/bin/chatroom-server
user=chatroom
data=/var/lib/chatroom
config=/etc/chatroom/server.properties

# value_of OPTION ARGS...: prints the value ARGS give OPTION ("OPTION VALUE" or "OPTION=VALUE");
# false if they do not give it.
value_of() {
  option=$1
  shift
  while [ $# -gt 0 ]; do
    case $1 in
      --) return 1 ;;
      "$option") [ $# -ge 2 ] && printf '%s\n' "$2" && return 0; return 1 ;;
      "$option"=*) printf '%s\n' "${1#*=}" && return 0 ;;
    esac
    shift
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
chosen=$(value_of --data "$@") || chosen=
case $chosen in
  "" | "$data" | "$data/") service_data=yes ;;
  *) service_data=no ;;
esac
if [ "$service_data" = yes ]; then
  # The service's settings (password_iterations, TLS files...) apply to its data folder.
  if ! value_of --config "$@" >/dev/null && [ -f "$config" ]; then
    set -- --config "$config" "$@"
  fi
  [ -n "$chosen" ] || set -- --data "$data" "$@"
fi

if [ "$(id -u)" = 0 ] && [ "$service_data" = yes ]; then
  exec runuser -u "$user" -- "$launcher" "$@"
fi
if [ "$service_data" = yes ] && [ "$(id -un)" != "$user" ] && ! asks_for_help "$@"; then
  echo "chatroom-server: the data folder $data belongs to the user $user. Run this with sudo:" >&2
  echo "  sudo chatroom-server $typed" >&2
  exit 1
fi
exec "$launcher" "$@"
