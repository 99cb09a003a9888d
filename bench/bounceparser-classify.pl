#!/usr/bin/perl
# Classifies every message under the given paths with Debian's
# Mail::DeliveryStatus::BounceParser (libmail-deliverystatus-bounceparser-perl) and prints
# one summary line: the reference for BENCHMARKS.md.
#
#   bench/bounceparser-classify.pl PATH...   (.eml files, mbox files, directories of messages)
#
# BounceParser takes one message at a time, so mbox files are split here on "From " lines
# that start the file or follow an empty line (mboxrd/mboxo; the separator is dropped).
# Prints: bounceparser <version> messages=N bounces=N recipients=N seconds=S
use strict;
use warnings;
use File::Find;
use Time::HiRes qw(time);
use Mail::DeliveryStatus::BounceParser;

my @inputs;
for my $path (@ARGV) {
    if (-d $path) {
        find({ no_chdir => 1, wanted => sub { push @inputs, $_ if -f $_ } }, $path);
    } else {
        push @inputs, $path;
    }
}

my ($messages, $bounces, $recipients) = (0, 0, 0);

sub classify {
    my ($raw) = @_;
    $messages++;
    my $bounce = eval { Mail::DeliveryStatus::BounceParser->new($raw) };
    return unless $bounce && $bounce->is_bounce;
    $bounces++;
    $recipients += scalar(my @r = $bounce->reports);
}

my $t0 = time;
for my $input (sort @inputs) {
    open(my $fh, '<:raw', $input) or next;
    my $first = <$fh>;
    next unless defined $first;
    if ($first !~ /^From /) {
        local $/;
        my $rest = <$fh>;
        classify($first . ($rest // ''));
        next;
    }
    # An mbox, read one message at a time.
    my ($buf, $blank) = ('', 1);
    while (my $line = <$fh>) {
        if ($blank && $line =~ /^From /) {
            classify($buf) if length $buf;
            $buf = '';
            next;
        }
        $blank = ($line =~ /^\r?\n\z/);
        $buf .= $line;
    }
    classify($buf) if length $buf;
}
my $seconds = time - $t0;
printf "bounceparser %s messages=%d bounces=%d recipients=%d seconds=%.3f\n",
    $Mail::DeliveryStatus::BounceParser::VERSION, $messages, $bounces, $recipients, $seconds;
