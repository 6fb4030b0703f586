#define G_LOG_DOMAIN "wd-cli-publish"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "wd-cli-private.h"

#define MAX_SECRET_BYTES 4096

static void
wipe_string (GString *s)
{
  wd_credentials_wipe (s->str, s->allocated_len);
  g_string_free (s, TRUE);
}

/* The secret from a prompt without echo, or the first line of stdin. */
static char *
read_secret (const char  *endpoint,
             GError     **error)
{
  /* Sized once: a buffer that grew would leave unwiped copies behind. */
  GString *line = g_string_sized_new (MAX_SECRET_BYTES + 1);
  gboolean tty = isatty (STDIN_FILENO);
  struct termios saved, quiet;
  char *secret;
  int c;

  if (tty)
    {
      fprintf (stderr, _("Credential for %s (not shown): "), endpoint);
      fflush (stderr);
      tcgetattr (STDIN_FILENO, &saved);
      quiet = saved;
      quiet.c_lflag &= ~ECHO;
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet);
    }

  while ((c = getchar ()) != EOF && c != '\n' && line->len < MAX_SECRET_BYTES)
    g_string_append_c (line, (char) c);

  if (tty)
    {
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved);
      fputc ('\n', stderr);
    }

  if (line->len > 0 && line->str[line->len - 1] == '\r')
    g_string_truncate (line, line->len - 1);

  if (line->len == 0 || line->len >= MAX_SECRET_BYTES || !g_utf8_validate (line->str, -1, NULL))
    {
      wipe_string (line);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("no credential given: type it at the prompt or pipe it on standard input "
                     "(one line, UTF-8, under %d bytes)"), MAX_SECRET_BYTES);
      return NULL;
    }

  secret = g_strdup (line->str);
  wipe_string (line);
  return secret;
}

static int
login (const char *endpoint_text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *endpoint = wd_publish_normalize_endpoint (endpoint_text, &error);
  g_autoptr(GAsyncResult) stored = NULL;
  char *secret;
  int status = WD_EXIT_OK;

  if (endpoint == NULL)
    {
      _wd_cli_complain ("publish", error->message);
      return WD_EXIT_USAGE;
    }

  secret = read_secret (endpoint, &error);
  if (secret == NULL)
    {
      _wd_cli_complain ("publish", error->message);
      return WD_EXIT_USAGE;
    }

  wd_credentials_store_async (endpoint, secret, cancellable, _wd_cli_keep_result, &stored);
  wd_credentials_free_secret (secret);

  if (!wd_credentials_store_finish (_wd_cli_wait (&stored, cancellable), &error))
    {
      _wd_cli_complain ("publish", error->message);
      status = WD_EXIT_USAGE;
    }
  else
    {
      printf (_("Stored the credential for %s in the keyring."), endpoint);
      putchar ('\n');
    }

  return status;
}

static void
print_outcome (WdPublishOutcome  outcome,
               WdPublication    *publication)
{
  const char *endpoint = wd_publication_get_endpoint (publication);
  const char *id = wd_publication_get_remote_id (publication);

  switch (outcome)
    {
    case WD_PUBLISH_OUTCOME_UPDATED:
      printf (_("Updated item %s at %s"), id, endpoint);
      break;
    case WD_PUBLISH_OUTCOME_RECREATED:
      printf (_("Created item %s at %s again: the CMS no longer had the earlier one"), id, endpoint);
      break;
    case WD_PUBLISH_OUTCOME_CREATED:
    default:
      printf (_("Created item %s at %s"), id, endpoint);
      break;
    }

  if (wd_publication_get_url (publication) != NULL)
    printf (" — %s", wd_publication_get_url (publication));
  putchar ('\n');
}

static int
publish (const char       *path,
         const char       *endpoint_text,
         WdPublishProfile  profile,
         gboolean          strict,
         guint             timeout,
         guint             attempts)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(WdArticle) article = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(WdPublisher) publisher = NULL;
  g_autoptr(WdPublication) publication = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *endpoint = wd_publish_normalize_endpoint (endpoint_text, &error);
  g_autofree char *credential = NULL;
  WdPublishOutcome outcome = WD_PUBLISH_OUTCOME_CREATED;
  g_autoptr(GAsyncResult) looked_up = NULL;
  g_autoptr(GAsyncResult) published = NULL;

  if (endpoint == NULL)
    {
      _wd_cli_complain ("publish", error->message);
      return WD_EXIT_USAGE;
    }

  if (!g_str_has_suffix (path, WD_NATIVE_FORMAT_EXTENSION))
    {
      fprintf (stderr, "%s: ", path);
      fprintf (stderr, _("publish needs a %s document, where the CMS's id is recorded; "
                         "import the text first (wiredesk import)"), WD_NATIVE_FORMAT_EXTENSION);
      fputc ('\n', stderr);
      return WD_EXIT_USAGE;
    }

  article = _wd_cli_load_article (path, &error);
  if (article == NULL || !wd_export_check (article, &warnings, &error))
    {
      _wd_cli_print_error (path, error);
      return WD_EXIT_USAGE;
    }

  if (!_wd_cli_report_export_warnings (path, warnings, strict))
    return WD_EXIT_PROBLEMS;

  wd_credentials_lookup_async (endpoint, cancellable, _wd_cli_keep_result, &looked_up);
  credential = wd_credentials_lookup_finish (_wd_cli_wait (&looked_up, cancellable), &error);
  if (credential == NULL)
    {
      _wd_cli_complain ("publish", error->message);
      return WD_EXIT_USAGE;
    }

  publisher = wd_publisher_new ();
  wd_publisher_set_timeout (publisher, timeout);
  wd_publisher_set_max_attempts (publisher, attempts);

  wd_publisher_publish_async (publisher, article, endpoint, profile, credential,
                              cancellable, _wd_cli_keep_result, &published);
  /* the publisher has its own copy; ours goes now */
  g_clear_pointer (&credential, wd_credentials_free_secret);

  publication = wd_publisher_publish_finish (publisher, _wd_cli_wait (&published, cancellable),
                                             &outcome, &error);
  if (publication == NULL)
    {
      fprintf (stderr, _("%s: not published: %s"), path, error->message);
      fputc ('\n', stderr);
      if (g_error_matches (error, WD_PUBLISH_ERROR, WD_PUBLISH_ERROR_UNAUTHORIZED))
        {
          fprintf (stderr, _("Store a new credential with “wiredesk publish --login %s”, or set %s."),
                   endpoint, WD_PUBLISH_TOKEN_ENV);
          fputc ('\n', stderr);
          if (profile == WD_PUBLISH_PROFILE_WORDPRESS)
            {
              fputs (_("For WordPress it is “user:application-password”, the password made under "
                       "Users → Profile → Application Passwords in the site’s dashboard."), stderr);
              fputc ('\n', stderr);
            }
        }
      return WD_EXIT_PROBLEMS;
    }

  print_outcome (outcome, publication);

  /* Record where it went, so that the next publish updates it. */
  file = g_file_new_for_commandline_arg (path);
  if (!wd_native_format_save (article, file, NULL, &error))
    {
      fprintf (stderr, _("%s: published, but the CMS's id could not be recorded in the document "
                         "(publishing again would create a second item): %s"),
               path, error->message);
      fputc ('\n', stderr);
      return WD_EXIT_PROBLEMS;
    }

  return WD_EXIT_OK;
}

int
wd_cli_publish (int    argc,
                char **argv)
{
  g_autofree char *endpoint = NULL;
  g_autofree char *login_endpoint = NULL;
  g_autofree char *format = NULL;
  g_auto(GStrv) files = NULL;
  g_autoptr(GOptionContext) context = NULL;
  gboolean strict = FALSE;
  int timeout = WD_PUBLISHER_DEFAULT_TIMEOUT;
  int attempts = WD_PUBLISHER_DEFAULT_MAX_ATTEMPTS;
  WdPublishProfile profile = WD_PUBLISH_PROFILE_NINJS;
  const GOptionEntry entries[] = {
    { "endpoint", 'e', 0, G_OPTION_ARG_STRING, &endpoint,
      N_("The CMS endpoint (for wordpress: the site's address)"), N_("URL") },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format,
      N_("What to send: ninjs (default), jsonld or wordpress"), N_("PROFILE") },
    { "login", 0, 0, G_OPTION_ARG_STRING, &login_endpoint,
      N_("Store the credential for URL in the keyring, read from a prompt or standard input"),
      N_("URL") },
    { "strict", 0, 0, G_OPTION_ARG_NONE, &strict,
      N_("Do not publish when there are warnings (unchecked or broken sources)"), NULL },
    { "timeout", 0, 0, G_OPTION_ARG_INT, &timeout,
      N_("Seconds one request may take (default 30)"), N_("SECONDS") },
    { "attempts", 0, 0, G_OPTION_ARG_INT, &attempts,
      N_("Tries per request when the CMS or the network fails (1–10, default 4)"), N_("N") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, NULL },
    { NULL }
  };

  context = g_option_context_new (_("FILE.wiredesk --endpoint URL — send a document to a CMS"));
  g_option_context_set_description (context,
    _("The credential comes from the environment variable WIREDESK_PUBLISH_TOKEN, else from the "
      "keyring (store it with --login). For wordpress it is “user:application-password”."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!_wd_cli_parse_options (context, &argc, &argv, "publish"))
    return WD_EXIT_USAGE;

  if (login_endpoint != NULL)
    {
      if (files != NULL || endpoint != NULL)
        {
          _wd_cli_complain ("publish", _("--login stores a credential; it takes no FILE and no --endpoint"));
          return WD_EXIT_USAGE;
        }
      return login (login_endpoint);
    }

  if (files == NULL || g_strv_length (files) != 1)
    {
      _wd_cli_complain ("publish", _("expected exactly one FILE to publish"));
      return WD_EXIT_USAGE;
    }

  if (endpoint == NULL)
    {
      _wd_cli_complain ("publish", _("--endpoint is required"));
      return WD_EXIT_USAGE;
    }

  if (format != NULL && !wd_publish_profile_from_name (format, &profile))
    {
      g_autofree char *problem =
        g_strdup_printf (_("unknown format “%s” (available: ninjs, jsonld, wordpress)"), format);

      _wd_cli_complain ("publish", problem);
      return WD_EXIT_USAGE;
    }

  if (!_wd_cli_check_range ("publish", "--timeout", timeout,
                            WD_PUBLISHER_MIN_TIMEOUT, WD_PUBLISHER_MAX_TIMEOUT, TRUE) ||
      !_wd_cli_check_range ("publish", "--attempts", attempts,
                            WD_PUBLISHER_MIN_ATTEMPTS, WD_PUBLISHER_MAX_ATTEMPTS, FALSE))
    return WD_EXIT_USAGE;

  return publish (files[0], endpoint, profile, strict, timeout, attempts);
}
