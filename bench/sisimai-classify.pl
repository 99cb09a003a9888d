#!/usr/bin/perl
# Classifies every message under the given paths with Sisimai (libsisimai-perl), the way
# Sisimai->make does, and prints one summary line: the reference for BENCHMARKS.md.
#
#   bench/sisimai-classify.pl PATH...   (.eml files, mbox files, directories of messages)
#
# Prints: sisimai <version> messages=N bounces=N recipients=N seconds=S
use strict;
use warnings;
use File::Find;
use Time::HiRes qw(time);
use Sisimai;
use Sisimai::Mail;
use Sisimai::Message;
use Sisimai::Data;

my @inputs;
for my $path (@ARGV) {
    if (-d $path) {
        # Each file of a folder is one message; read folders file by file like the others.
        find({ no_chdir => 1, wanted => sub { push @inputs, $_ if -f $_ } }, $path);
    } else {
        push @inputs, $path;
    }
}

my ($messages, $bounces, $recipients) = (0, 0, 0);
my $t0 = time;
for my $input (sort @inputs) {
    my $mail = Sisimai::Mail->new($input) or next;
    while (my $raw = $mail->data->read) {
        $messages++;
        my $mesg = Sisimai::Message->new('data' => $raw) or next;
        my $data = Sisimai::Data->make('data' => $mesg, 'origin' => $input);
        next unless $data && @$data;
        $bounces++;
        $recipients += scalar @$data;
    }
}
my $seconds = time - $t0;
printf "sisimai %s messages=%d bounces=%d recipients=%d seconds=%.3f\n",
    $Sisimai::VERSION, $messages, $bounces, $recipients, $seconds;
