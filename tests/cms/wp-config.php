<?php
/* The throwaway site's configuration: everything under the run directory
 * (the parent of this file's directory), nothing read from /etc. */
$wd_run = dirname(__DIR__);

define('DB_NAME', 'wordpress');
define('DB_USER', 'root');
define('DB_PASSWORD', '');
define('DB_HOST', 'localhost:' . $wd_run . '/mysql.sock');
define('DB_CHARSET', 'utf8mb4');
define('DB_COLLATE', '');
$table_prefix = 'wp_';

$wd_url = trim(file_get_contents($wd_run . '/url'));
define('WP_HOME', $wd_url);
define('WP_SITEURL', $wd_url);
define('WP_CONTENT_DIR', __DIR__ . '/wp-content');
define('WP_CONTENT_URL', $wd_url . '/wp-content');

/* Application passwords over plain http: only on a 'local' site. */
define('WP_ENVIRONMENT_TYPE', 'local');

/* A test site never calls out: no cron loopback, no update checks. */
define('DISABLE_WP_CRON', true);
define('WP_HTTP_BLOCK_EXTERNAL', true);
define('AUTOMATIC_UPDATER_DISABLED', true);
define('WP_AUTO_UPDATE_CORE', false);

/* Errors go to the run directory's log, never into an answer. */
define('WP_DEBUG', true);
define('WP_DEBUG_DISPLAY', false);
define('WP_DEBUG_LOG', $wd_run . '/wordpress.log');

/* Salts: random per run (the site lives for one test suite). */
foreach (['AUTH_KEY', 'SECURE_AUTH_KEY', 'LOGGED_IN_KEY', 'NONCE_KEY',
          'AUTH_SALT', 'SECURE_AUTH_SALT', 'LOGGED_IN_SALT', 'NONCE_SALT'] as $wd_key)
  define($wd_key, trim(file_get_contents($wd_run . '/salt')) . $wd_key);

require_once ABSPATH . 'wp-settings.php';
