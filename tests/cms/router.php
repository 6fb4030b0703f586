<?php
/* Router for `php -S`: static files as they are, PHP files run, every
 * other path to WordPress's front controller (pretty permalinks, /wp-json/). */
require_once __DIR__ . '/prepend.php';

$wd_path = parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH);
$wd_file = ABSPATH . ltrim(rawurldecode($wd_path), '/');

if ($wd_path !== '/' && file_exists($wd_file) && !is_dir($wd_file))
  return false;

$_SERVER['SCRIPT_NAME'] = '/index.php';
$_SERVER['SCRIPT_FILENAME'] = ABSPATH . 'index.php';
$_SERVER['PHP_SELF'] = '/index.php';
require ABSPATH . 'index.php';
