<?php
/* Installs the throwaway site from the command line (php -d
 * auto_prepend_file=RUN/prepend.php install.php RUN): WordPress itself, an
 * editor account and an Application Password for it, written to
 * RUN/credential (mode 0600) as "user:password". Nothing is printed. */
if (PHP_SAPI !== 'cli' || $argc !== 2)
  exit(2);

$wd_run = $argv[1];
$_SERVER['HTTP_HOST'] = parse_url(trim(file_get_contents($wd_run . '/url')), PHP_URL_HOST);
$_SERVER['REQUEST_URI'] = '/';
$_SERVER['SERVER_PROTOCOL'] = 'HTTP/1.1';
define('WP_INSTALLING', true);

/* Pluggable: the install's welcome mail goes nowhere. */
function wp_mail() { return true; }

require ABSPATH . 'wp-load.php';

/* No HTTP from the install: WordPress would probe the site for pretty
 * permalinks, which costs a round trip and makes the outcome depend on the
 * server. The site keeps plain permalinks (REST API at ?rest_route=/). */
add_filter('pre_http_request', function () {
  return new WP_Error('wiredesk_offline', 'The test site makes no HTTP requests.');
});
require_once ABSPATH . 'wp-admin/includes/upgrade.php';

$wd_random = static function (int $bytes): string {
  return rtrim(strtr(base64_encode(random_bytes($bytes)), '+/', '-_'), '=');
};

$wd_result = wp_install('Wiredesk test site', 'admin', 'admin@example.invalid', false, '',
                        $wd_random(24), 'en_US');
if (is_wp_error($wd_result) || empty($wd_result['user_id']))
  exit(1);

$wd_editor = wp_insert_user([
  'user_login' => 'editor',
  'user_pass' => $wd_random(24),
  'user_email' => 'editor@example.invalid',
  'role' => 'editor',
  'display_name' => 'Desk Editor',
]);
if (is_wp_error($wd_editor))
  exit(1);

$wd_created = WP_Application_Passwords::create_new_application_password($wd_editor, ['name' => 'wiredesk']);
if (is_wp_error($wd_created))
  exit(1);

$wd_file = $wd_run . '/credential';
umask(077);
if (file_put_contents($wd_file, 'editor:' . $wd_created[0]) === false)
  exit(1);
exit(0);
